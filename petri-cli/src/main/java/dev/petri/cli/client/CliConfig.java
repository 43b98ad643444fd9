package dev.petri.cli.client;

/**
 * Where the API is and how to authenticate to it.
 *
 * @param url the API base URL
 * @param token the bearer token, or null
 */
public record CliConfig(String url, String token) {

    /** The API of a local Petri stack. */
    public static final String DEFAULT_URL = "http://localhost:8080";

    @Override
    public String toString() {
        return "CliConfig[url=" + url + ", token=" + (token == null ? "none" : "***") + "]";
    }
}
