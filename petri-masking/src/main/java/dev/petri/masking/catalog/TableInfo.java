package dev.petri.masking.catalog;

import java.util.List;

/**
 * One base table with its columns in order.
 *
 * @param schema        schema
 * @param name          table name, exactly as stored
 * @param columns       columns in ordinal order
 * @param estimatedRows the planner's estimate, for progress
 */
public record TableInfo(String schema, String name, List<ColumnInfo> columns, long estimatedRows) {

    /** A column by exact name, or null. */
    public ColumnInfo column(String column) {
        for (ColumnInfo c : columns) {
            if (c.name().equals(column)) {
                return c;
            }
        }
        return null;
    }

    /** {@code schema.table}, for messages and progress. */
    public String path() {
        return schema + "." + name;
    }
}
