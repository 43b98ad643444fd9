package dev.petri.masking.catalog;

import java.util.List;

/**
 * What discovery found: every base table of every user schema (with or without a primary key), its
 * columns, the constraints that must still hold after masking, and the views to rebuild.
 *
 * @param tables      base tables
 * @param constraints primary keys, unique, foreign keys and checks
 * @param views       views and materialized views as {@code schema.name}
 */
public record Catalog(List<TableInfo> tables, List<ConstraintInfo> constraints, List<String> views) {

    /** A table by schema and exact name, or null. */
    public TableInfo table(String schema, String name) {
        for (TableInfo t : tables) {
            if (t.schema().equals(schema) && t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Whether a PRIMARY KEY or UNIQUE constraint covers exactly this one column. */
    public boolean unique(ColumnInfo c) {
        return constraints.stream().anyMatch(k -> k.on(c.schema(), c.table())
                && (k.type() == ConstraintInfo.Type.PRIMARY_KEY || k.type() == ConstraintInfo.Type.UNIQUE)
                && k.columns().equals(List.of(c.name())));
    }

    /**
     * The longest value the column may hold: its declared length ({@code varchar(n)}) or what a CHECK constraint
     * on its length allows, whichever is less; 0 when neither bounds it.
     */
    public int maxLength(ColumnInfo c) {
        int max = c.maxLength();
        for (ConstraintInfo k : constraints) {
            if (k.type() == ConstraintInfo.Type.CHECK && k.on(c.schema(), c.table())) {
                int checked = CheckedLength.of(k.expression(), c.name());
                if (checked > 0 && (max == 0 || checked < max)) {
                    max = checked;
                }
            }
        }
        return max;
    }

    /** Whether the column is part of a primary key or a foreign key (a surrogate or reference). */
    public boolean keyColumn(ColumnInfo c) {
        return constraints.stream().anyMatch(k -> k.on(c.schema(), c.table())
                && (k.type() == ConstraintInfo.Type.PRIMARY_KEY || k.type() == ConstraintInfo.Type.FOREIGN_KEY)
                && k.columns().contains(c.name()));
    }
}
