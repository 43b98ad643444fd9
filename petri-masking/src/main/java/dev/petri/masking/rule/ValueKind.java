package dev.petri.masking.rule;

import java.util.Locale;

/** The broad kind of a column type, which decides the rules that can apply to it. */
public enum ValueKind {
    TEXT, JSON, DATE, NUMBER, OTHER;

    /**
     * The kind of a PostgreSQL or SQL Server type name, e.g. {@code character varying(120)}, {@code jsonb};
     * {@code xml} is text (masked and scanned in its text form: a rule's output is valid XML content).
     */
    public static ValueKind of(String typeName) {
        String t = typeName.toLowerCase(Locale.ROOT);
        if (t.endsWith("[]")) {
            return OTHER;
        }
        if (t.startsWith("json")) {
            return JSON;
        }
        if (t.startsWith("character") || t.startsWith("varchar") || t.startsWith("char") || t.equals("text")
                || t.startsWith("nvarchar") || t.startsWith("nchar") || t.equals("ntext") || t.equals("citext")
                || t.equals("name") || t.equals("bpchar") || t.equals("xml")) {
            return TEXT;
        }
        if (t.equals("date") || t.startsWith("timestamp") || t.startsWith("datetime") || t.equals("smalldatetime")) {
            return DATE;
        }
        if (t.equals("bigint") || t.equals("integer") || t.equals("smallint") || t.startsWith("numeric")
                || t.startsWith("decimal") || t.equals("int") || t.equals("tinyint")) {
            return NUMBER;
        }
        return OTHER;
    }
}
