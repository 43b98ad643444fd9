package dev.petri.masking.catalog;

import java.util.List;

/**
 * A constraint of the source: primary key, unique, foreign key or check.
 *
 * @param schema     schema of the table
 * @param table      table
 * @param name       constraint name
 * @param type       {@code PRIMARY_KEY}, {@code UNIQUE}, {@code FOREIGN_KEY}, {@code CHECK}
 * @param columns    constrained columns
 * @param refSchema  referenced schema (foreign keys), else null
 * @param refTable   referenced table (foreign keys), else null
 * @param refColumns referenced columns (foreign keys), else empty
 * @param expression the check's boolean expression (checks), else null
 */
public record ConstraintInfo(String schema, String table, String name, Type type, List<String> columns,
                             String refSchema, String refTable, List<String> refColumns, String expression) {

    /** Kinds of constraint that masking must keep satisfied. */
    public enum Type { PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK }

    /**
     * Whether an expression names a column: the name as a whole identifier, bare, quoted or bracketed, in any case
     * ({@code work_email LIKE '%@acme.com'} names {@code work_email}, not {@code email}).
     */
    public static boolean names(String expression, String column) {
        if (expression == null || column.isEmpty()) {
            return false;
        }
        int n = column.length();
        for (int i = 0; i + n <= expression.length(); i++) {
            if (expression.regionMatches(true, i, column, 0, n)
                    && (i == 0 || !identifierPart(expression.charAt(i - 1)))
                    && (i + n == expression.length() || !identifierPart(expression.charAt(i + n)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean identifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** Whether the constraint is on this table. */
    public boolean on(String schema, String table) {
        return this.schema.equals(schema) && this.table.equals(table);
    }
}
