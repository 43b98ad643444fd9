package dev.petri.cli.output;

/** How list commands print: an aligned table for people, or the API's JSON for scripts. */
public enum ListFormat {
    /** An aligned plain-text table. */
    TABLE,
    /** The JSON exactly as the API sent it. */
    JSON
}
