package dev.petri.masking.sql;

import dev.petri.engine.sqlserver.SqlServerBulkRows.ColumnSpec;
import dev.petri.engine.sqlserver.SqlServerSql;
import dev.petri.masking.catalog.ColumnInfo;
import dev.petri.masking.catalog.ConstraintInfo;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The T-SQL that masking runs on SQL Server, built from catalog facts only, so every statement is
 * asserted without a server. Values travel as text: each column is read through an expression
 * that turns it into {@code nvarchar} without loss (ISO styles for dates, style 3 for floats, style 2
 * for money, {@code 0x…} hex for binaries), masked in Java, bulk-copied into a {@code #} work table
 * of {@code nvarchar(max)} columns, and converted back to the column's type with the matching style
 * in one set-based statement.
 */
public final class SqlServerMaskingSql {

    /** How many characters of {@code nvarchar(max)} a bulk-copy column declares. */
    static final int MAX_CHARS = 1_073_741_823;
    /**
     * Characters of a key column in a work table: a key is at most 1,700 bytes, so its text (hex for
     * binaries) fits, and the join hashes a bounded column rather than a LOB.
     */
    static final int KEY_CHARS = 4_000;

    private static final Pattern WORK_TABLE = Pattern.compile("#petri_[a-z]+_[0-9]{1,18}");
    private static final Pattern COLLATION = Pattern.compile("[A-Za-z0-9_]+");

    private SqlServerMaskingSql() {
    }

    /** A bracket-quoted identifier ({@code ]} doubled). */
    static String quote(String identifier) {
        return SqlServerSql.quote(identifier);
    }

    /** A bracket-quoted {@code [schema].[table]}. */
    static String qualified(String schema, String table) {
        return SqlServerSql.qualified(schema, table);
    }

    /** The base name of a type as the catalog spells it: {@code decimal(10, 2)} gives {@code decimal}. */
    static String base(String type) {
        String t = type.trim().toLowerCase(Locale.ROOT);
        int paren = t.indexOf('(');
        if (paren > 0 && !t.startsWith("[")) {
            t = t.substring(0, paren).trim();
        }
        return t;
    }

    private static boolean character(String base) {
        return switch (base) {
            case "char", "varchar", "nchar", "nvarchar", "sysname" -> true;
            default -> false;
        };
    }

    /** Whether values of a type carry a collation (and so need one in a work table that is joined on). */
    static boolean collated(String type) {
        String b = base(type);
        return character(b) || b.equals("text") || b.equals("ntext");
    }

    /** An expression that reads a column as text without losing anything, for a column reference {@code ref}. */
    static String readExpression(String ref, String type) {
        String b = base(type);
        if (character(b)) {
            return ref;
        }
        return switch (b) {
            case "text" -> "CAST(" + ref + " AS varchar(max))";
            case "ntext", "xml", "sql_variant" -> "CAST(" + ref + " AS nvarchar(max))";
            case "datetime", "smalldatetime" -> "CONVERT(nvarchar(30), " + ref + ", 126)";
            case "float", "real" -> "CONVERT(nvarchar(30), " + ref + ", 3)";
            case "money", "smallmoney" -> "CONVERT(nvarchar(30), " + ref + ", 2)";
            case "binary", "varbinary", "rowversion", "timestamp" -> "CONVERT(nvarchar(max), " + ref + ", 1)";
            case "hierarchyid" -> "CAST(" + ref + " AS nvarchar(4000))";
            case "bigint", "int", "smallint", "tinyint", "bit", "decimal", "numeric", "date", "datetime2",
                 "datetimeoffset", "time", "uniqueidentifier" -> "CAST(" + ref + " AS nvarchar(100))";
            default -> "CONVERT(nvarchar(max), CAST(" + ref + " AS varbinary(max)), 1)";
        };
    }

    /**
     * An expression that turns the text {@code ref} (as {@link #readExpression} wrote it) back into a
     * value of the type, or null when the type cannot be written back from text.
     */
    static String writeExpression(String ref, String type) {
        String b = base(type);
        if (character(b) || b.equals("text") || b.equals("ntext")) {
            return ref;
        }
        String t = type.trim();
        return switch (b) {
            case "datetime", "smalldatetime" -> "CONVERT(" + b + ", " + ref + ", 126)";
            case "binary", "varbinary" -> "CONVERT(" + t + ", " + ref + ", 1)";
            case "image", "geography", "geometry" -> "CAST(CONVERT(varbinary(max), " + ref + ", 1) AS " + b + ")";
            case "xml", "float", "real", "money", "smallmoney", "hierarchyid", "bigint", "int", "smallint", "tinyint",
                 "bit", "decimal", "numeric", "date", "datetime2", "datetimeoffset", "time", "uniqueidentifier" ->
                    "CAST(" + ref + " AS " + t + ")";
            default -> null;
        };
    }

    /** Whether a column's values survive the trip through text and back. */
    static boolean rewritable(ColumnInfo c) {
        return writeExpression("v", c.type()) != null;
    }

    private static String selectList(List<ColumnInfo> columns) {
        return columns.stream().map(c -> readExpression(quote(c.name()), c.type())).collect(Collectors.joining(", "));
    }

    /** Reads some columns of every row as text. */
    static String select(String schema, String table, List<ColumnInfo> columns) {
        return "SELECT " + selectList(columns) + " FROM " + qualified(schema, table);
    }

    /** Reads some columns of the first {@code limit} rows as text. */
    static String sample(String schema, String table, List<ColumnInfo> columns, int limit) {
        return "SELECT TOP (" + Math.max(1, limit) + ") " + selectList(columns) + " FROM " + qualified(schema, table);
    }

    /** A row when the non-NULL values of the columns are not unique. */
    static String duplicates(String schema, String table, List<String> columns) {
        String cols = columns.stream().map(SqlServerMaskingSql::quote).collect(Collectors.joining(", "));
        String notNull = columns.stream().map(c -> quote(c) + " IS NOT NULL").collect(Collectors.joining(" AND "));
        return "SELECT TOP (1) 1 FROM " + qualified(schema, table) + " WHERE " + notNull + " GROUP BY " + cols
                + " HAVING COUNT_BIG(*) > 1";
    }

    /** Counts rows of a foreign key whose values have no referenced row. */
    static String orphans(String schema, String table, ConstraintInfo fk) {
        StringBuilder join = new StringBuilder();
        StringBuilder notNull = new StringBuilder();
        for (int i = 0; i < fk.columns().size(); i++) {
            String sep = i == 0 ? "" : " AND ";
            join.append(sep).append("p.").append(quote(fk.refColumns().get(i))).append(" = c.")
                    .append(quote(fk.columns().get(i)));
            notNull.append(sep).append("c.").append(quote(fk.columns().get(i))).append(" IS NOT NULL");
        }
        return "SELECT COUNT_BIG(*) FROM " + qualified(schema, table) + " AS c WHERE " + notNull
                + " AND NOT EXISTS (SELECT 1 FROM " + qualified(fk.refSchema(), fk.refTable()) + " AS p WHERE " + join + ")";
    }

    /** Counts rows that violate a check constraint's definition (NULL passes a check, as on the server). */
    static String checkViolations(String schema, String table, String definition) {
        return "SELECT COUNT_BIG(*) FROM " + qualified(schema, table) + " WHERE NOT (" + definition + ")";
    }

    /** The name of a session-local work table; refused unless it is {@code #petri_<word>_<number>}. */
    static String workTable(String purpose, long number) {
        String name = "#petri_" + purpose + "_" + number;
        if (!WORK_TABLE.matcher(name).matches()) {
            throw new IllegalArgumentException("not a work table name: " + name);
        }
        return name;
    }

    /** Name of the {@code i}-th (1-based) column of a work table. */
    static String workColumn(int i) {
        return "c" + i;
    }

    /**
     * Creates a work table of text columns {@code c1 … cn}; a column that carries values of a
     * character column takes that column's collation, so joins compare exactly as the column does.
     *
     * @param collations one per column: a collation name, or null for none
     * @param keys       how many leading columns hold key values ({@code nvarchar(4000)}; the rest
     *                   are {@code nvarchar(max)})
     */
    static String createWorkTable(String name, List<String> collations, int keys) {
        checkWorkTable(name);
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < collations.size(); i++) {
            String collation = collations.get(i);
            String collate = "";
            if (collation != null) {
                if (!COLLATION.matcher(collation).matches()) {
                    throw new IllegalArgumentException("not a collation name: " + collation);
                }
                collate = " COLLATE " + collation;
            }
            cols.add(quote(workColumn(i + 1)) + (i < keys ? " nvarchar(" + KEY_CHARS + ")" : " nvarchar(max)") + collate
                    + " NULL");
        }
        return "CREATE TABLE " + name + " (" + String.join(", ", cols) + ")";
    }

    /** Drops a work table if it exists. */
    static String dropWorkTable(String name) {
        checkWorkTable(name);
        return "DROP TABLE IF EXISTS " + name;
    }

    /** The bulk copy's column mappings: source ordinal {@code i} (1-based, the list index + 1) goes to the named column. */
    static List<String> bulkMappings(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            names.add(workColumn(i));
        }
        return names;
    }

    /** What the bulk copy into a work table declares: {@code n} text columns {@code c1 … cn}, the first {@code keys} bounded. */
    static List<ColumnSpec> workColumns(int n, int keys) {
        List<ColumnSpec> specs = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            specs.add(new ColumnSpec(workColumn(i), Types.NVARCHAR, i <= keys ? KEY_CHARS : MAX_CHARS, 0));
        }
        return specs;
    }

    /**
     * Rewrites the masked columns of a table with a primary key in one statement: the work table holds
     * the key's original values in {@code c1 … ck} and the masked values in {@code c(k+1) …}.
     */
    static String updateFromWorkTable(String schema, String table, List<ColumnInfo> key, List<ColumnInfo> masked,
                                      String work) {
        checkWorkTable(work);
        List<String> set = new ArrayList<>();
        for (int j = 0; j < masked.size(); j++) {
            ColumnInfo c = masked.get(j);
            set.add("t." + quote(c.name()) + " = " + write("m." + quote(workColumn(key.size() + j + 1)), c));
        }
        List<String> on = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            ColumnInfo c = key.get(i);
            on.add("t." + quote(c.name()) + " = " + write("m." + quote(workColumn(i + 1)), c));
        }
        return "UPDATE t SET " + String.join(", ", set) + " FROM " + qualified(schema, table) + " AS t JOIN " + work
                + " AS m ON " + String.join(" AND ", on);
    }

    /**
     * Replaces every row of a table (one without a primary key, or whose identity column is masked)
     * with the rows of a work table whose {@code c1 … cn} are its copied columns in order: run in one
     * transaction. Identity values are kept with {@code IDENTITY_INSERT}; computed and rowversion
     * columns are left to the server.
     */
    static List<String> reload(String schema, String table, List<ColumnInfo> columns, boolean identity, String work) {
        checkWorkTable(work);
        String target = qualified(schema, table);
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnInfo c = columns.get(i);
            names.add(quote(c.name()));
            values.add(write("w." + quote(workColumn(i + 1)), c));
        }
        List<String> sql = new ArrayList<>();
        sql.add("TRUNCATE TABLE " + target);
        if (identity) {
            sql.add("SET IDENTITY_INSERT " + target + " ON");
        }
        sql.add("INSERT INTO " + target + " WITH (TABLOCK) (" + String.join(", ", names) + ") SELECT "
                + String.join(", ", values) + " FROM " + work + " AS w");
        if (identity) {
            sql.add("SET IDENTITY_INSERT " + target + " OFF");
        }
        return sql;
    }

    private static String write(String ref, ColumnInfo c) {
        String e = writeExpression(ref, c.type());
        if (e == null) {
            throw new IllegalArgumentException("column " + c.path() + " of type " + c.type()
                    + " cannot be rewritten by masking on SQL Server");
        }
        return e;
    }

    private static void checkWorkTable(String name) {
        if (name == null || !WORK_TABLE.matcher(name).matches()) {
            throw new IllegalArgumentException("not a work table name: " + name);
        }
    }
}
