package dev.petri.masking.catalog;

import dev.petri.masking.rule.ValueKind;

/**
 * One column as the catalog describes it.
 *
 * @param schema    schema
 * @param table     table
 * @param name      column name, exactly as stored (mixed case kept)
 * @param type      type as the engine writes it, e.g. {@code character varying(120)}
 * @param maxLength declared length of varchar(n)/char(n), 0 when unbounded
 * @param notNull   NOT NULL
 * @param generated a generated (computed) column, never written
 */
public record ColumnInfo(String schema, String table, String name, String type, int maxLength, boolean notNull,
                         boolean generated) {

    /** The broad kind of the type. */
    public ValueKind kind() {
        return ValueKind.of(type);
    }

    /** {@code schema.table.column}, for messages. */
    public String path() {
        return schema + "." + table + "." + name;
    }
}
