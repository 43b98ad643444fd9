package dev.petri.engine.sqlserver;

import com.microsoft.sqlserver.jdbc.SQLServerBulkCopy;
import com.microsoft.sqlserver.jdbc.SQLServerBulkCopyOptions;
import dev.petri.engine.sqlserver.SqlServerBulkRows.ColumnSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The T-SQL a set-based masking executor needs on SQL Server: value-mapping tables (temporary
 * {@code #} tables or real ones) filled with {@code SQLServerBulkCopy}, one {@code UPDATE ... FROM ...
 * JOIN} per masked column, and the leak-scan queries that look for original values after masking.
 * Identifiers are bracket-quoted; anything that cannot be quoted safely is refused.
 */
public final class SqlServerDialect {

    /** Column of a mapping table holding the original value. */
    public static final String ORIGINAL = "original";
    /** Column of a mapping table holding the masked value. */
    public static final String MASKED = "masked";
    /** Column of a leak-scan values table. */
    public static final String VALUE = "value";

    private static final Pattern TEMP_NAME = Pattern.compile("#[A-Za-z_][A-Za-z0-9_]{0,100}");
    private static final Pattern VALUE_TYPE = Pattern.compile(
            "(?i)(varchar|nvarchar|char|nchar|varbinary|binary|decimal|numeric|datetime2|datetimeoffset|time"
                    + "|int|bigint|smallint|tinyint|bit|date|datetime|smalldatetime|uniqueidentifier|money|float|real)"
                    + "(?:\\((max|\\d{1,4})(?:,\\s*(\\d{1,2}))?\\))?");
    private static final Pattern COLLATION = Pattern.compile("[A-Za-z0-9_]+");
    private static final int MAX_KEY_BYTES = 900;

    private SqlServerDialect() {
    }

    /**
     * A table that holds value mappings or values: a session-local {@code #name}, or a real
     * {@code [schema].[name]} (visible to other sessions, dropped explicitly).
     */
    public record WorkTable(String schema, String name) {

        /** A session-local temporary table; the name is {@code #} plus letters, digits and underscores. */
        public static WorkTable temporary(String name) {
            if (name == null || !TEMP_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a temporary table name: " + name);
            }
            return new WorkTable(null, name);
        }

        /** A real table in a schema of the database being masked. */
        public static WorkTable real(String schema, String name) {
            SqlServerSql.qualified(schema, name);
            return new WorkTable(schema, name);
        }

        /** Whether this is a {@code #} table. */
        public boolean isTemporary() {
            return schema == null;
        }

        /** How statements name the table. */
        public String sql() {
            return isTemporary() ? name : SqlServerSql.qualified(schema, name);
        }
    }

    /** A bracket-quoted identifier. */
    public static String quote(String identifier) {
        return SqlServerSql.quote(identifier);
    }

    /** A bracket-quoted {@code [schema].[table]}. */
    public static String table(String schema, String table) {
        return SqlServerSql.qualified(schema, table);
    }

    /**
     * Creates a mapping table {@code (original, masked)} whose columns have the masked column's type and
     * collation (so the join compares values exactly as the column does); {@code original} is the
     * primary key when the type is short enough to be one.
     *
     * @param valueType the column's type as T-SQL spells it, e.g. {@code nvarchar(120)}
     * @param collation the column's collation, or null for the database default
     */
    public static String createMappingTable(WorkTable mapping, String valueType, String collation) {
        String type = checkType(valueType);
        String collate = collateClause(type, collation);
        boolean key = keyable(type);
        return "CREATE TABLE " + mapping.sql() + " (" + quote(ORIGINAL) + " " + type + collate + " NOT NULL"
                + (key ? " PRIMARY KEY" : "") + ", " + quote(MASKED) + " " + type + collate + " NULL)";
    }

    /**
     * Rewrites one column from a mapping table in one set-based statement; rows whose value is NULL or
     * has no mapping are left as they are.
     */
    public static String maskColumn(String schema, String table, String column, WorkTable mapping) {
        String col = quote(column);
        return "UPDATE t SET t." + col + " = m." + quote(MASKED) + " FROM " + table(schema, table) + " AS t"
                + " JOIN " + mapping.sql() + " AS m ON t." + col + " = m." + quote(ORIGINAL);
    }

    /** The distinct non-NULL values of a column, to build its mapping from. */
    public static String distinctValues(String schema, String table, String column) {
        String col = quote(column);
        return "SELECT DISTINCT t." + col + " FROM " + table(schema, table) + " AS t WHERE t." + col + " IS NOT NULL";
    }

    /** Drops a mapping or values table if it exists. */
    public static String dropWorkTable(WorkTable work) {
        return "DROP TABLE IF EXISTS " + work.sql();
    }

    /** Creates a leak-scan table of original sensitive values, one {@code value} column. */
    public static String createValuesTable(WorkTable values, String valueType, String collation) {
        String type = checkType(valueType);
        return "CREATE TABLE " + values.sql() + " (" + quote(VALUE) + " " + type + collateClause(type, collation)
                + " NOT NULL)";
    }

    /** Counts rows of a column whose whole value equals an original sensitive value (a leak). */
    public static String countExactLeaks(String schema, String table, String column, WorkTable values) {
        String col = quote(column);
        return "SELECT COUNT_BIG(*) FROM " + table(schema, table) + " AS t WHERE EXISTS (SELECT 1 FROM " + values.sql()
                + " AS v WHERE v." + quote(VALUE) + " = t." + col + ")";
    }

    /**
     * Counts rows of a text column that contain an original sensitive value anywhere (free text, JSON,
     * XML held as text); values shorter than {@code minLength} characters are ignored to avoid noise.
     */
    public static String countContainedLeaks(String schema, String table, String column, WorkTable values,
                                             int minLength) {
        String col = quote(column);
        String value = "v." + quote(VALUE);
        return "SELECT COUNT_BIG(*) FROM " + table(schema, table) + " AS t WHERE EXISTS (SELECT 1 FROM " + values.sql()
                + " AS v WHERE LEN(" + value + ") >= " + Math.max(1, minLength) + " AND CHARINDEX(" + value
                + ", CAST(t." + col + " AS nvarchar(max))) > 0)";
    }

    /** Column specifications of a mapping table for bulk rows of strings up to {@code maxChars} (or -1 for max). */
    public static List<ColumnSpec> mappingColumns(int maxChars) {
        int precision = maxChars < 0 ? 1_073_741_823 : maxChars;
        return List.of(new ColumnSpec(ORIGINAL, Types.NVARCHAR, precision, 0),
                new ColumnSpec(MASKED, Types.NVARCHAR, precision, 0));
    }

    /** The options of a mapping bulk copy: NULLs kept, one table lock, no timeout. */
    public static SQLServerBulkCopyOptions bulkCopyOptions() throws SQLException {
        SQLServerBulkCopyOptions options = new SQLServerBulkCopyOptions();
        options.setKeepNulls(true);
        options.setTableLock(true);
        options.setBatchSize(50_000);
        options.setBulkCopyTimeout(0);
        return options;
    }

    /**
     * Streams {@code (original, masked)} string pairs into a mapping table with one bulk copy on the
     * given connection (the same connection that created a {@code #} table); returns the rows sent.
     */
    public static long bulkCopyMapping(Connection c, WorkTable mapping, int maxChars, Iterator<Object[]> pairs)
            throws SQLException {
        SqlServerBulkRows rows = new SqlServerBulkRows(mappingColumns(maxChars), pairs);
        try (SQLServerBulkCopy bulk = new SQLServerBulkCopy(c)) {
            bulk.setBulkCopyOptions(bulkCopyOptions());
            bulk.setDestinationTableName(mapping.sql());
            bulk.addColumnMapping(1, ORIGINAL);
            bulk.addColumnMapping(2, MASKED);
            bulk.writeToServer(rows);
        }
        return rows.rowCount();
    }

    /** Checks a column type against the types a mapping can hold and normalises its case. */
    static String checkType(String valueType) {
        Matcher m = valueType == null ? null : VALUE_TYPE.matcher(valueType.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a type a mapping table can hold: " + valueType);
        }
        return valueType.trim().toLowerCase(Locale.ROOT).replaceAll(",\\s*", ", ");
    }

    /** Whether a value of this type fits a primary key (900 bytes). */
    static boolean keyable(String type) {
        Matcher m = VALUE_TYPE.matcher(type);
        if (!m.matches()) {
            return false;
        }
        String base = m.group(1).toLowerCase(Locale.ROOT);
        String length = m.group(2);
        if (length == null) {
            return true;
        }
        if ("max".equalsIgnoreCase(length)) {
            return false;
        }
        int n = Integer.parseInt(length);
        int bytes = base.startsWith("n") && !base.equals("numeric") ? 2 * n : base.contains("char") || base.contains("binary") ? n : 17;
        return bytes <= MAX_KEY_BYTES;
    }

    private static String collateClause(String type, String collation) {
        if (!type.contains("char")) {
            return "";
        }
        if (collation == null) {
            return " COLLATE DATABASE_DEFAULT";
        }
        if (!COLLATION.matcher(collation).matches()) {
            throw new IllegalArgumentException("not a collation name: " + collation);
        }
        return " COLLATE " + collation;
    }
}
