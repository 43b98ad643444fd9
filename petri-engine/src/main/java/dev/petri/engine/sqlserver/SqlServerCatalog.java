package dev.petri.engine.sqlserver;

import static dev.petri.engine.sqlserver.SqlServerSql.literal;
import static dev.petri.engine.sqlserver.SqlServerSql.qualified;
import static dev.petri.engine.sqlserver.SqlServerSql.quote;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A SQL Server database's schema read from its {@code sys.*} catalog views, and the T-SQL that
 * rebuilds it elsewhere: schemas, sequences and tables first (identity, computed and rowversion
 * columns, defaults), then keys, indexes, foreign keys, check constraints, identity seeds and
 * modules (functions, views, procedures, triggers). Queries are constants and rendering is pure, so
 * both are tested without a server.
 */
public final class SqlServerCatalog {

    private static final Pattern PLAIN_TYPE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern COLLATION = Pattern.compile("[A-Za-z0-9_]+");
    private static final String USER_TABLES = "t.is_ms_shipped = 0 AND t.is_external = 0 AND t.is_filetable = 0"
            + " AND t.temporal_type <> 1 AND t.is_node = 0 AND t.is_edge = 0";

    /** User schemas other than {@code dbo}. */
    static final String SCHEMAS_QUERY = "SELECT s.name FROM sys.schemas s WHERE s.schema_id > 4 AND s.schema_id < 16384"
            + " ORDER BY s.name";

    /** User tables with their row count. */
    static final String TABLES_QUERY = "SELECT t.object_id, s.name, t.name,"
            + " (SELECT COALESCE(SUM(p.rows), 0) FROM sys.partitions p WHERE p.object_id = t.object_id AND p.index_id IN (0, 1))"
            + " FROM sys.tables t JOIN sys.schemas s ON s.schema_id = t.schema_id WHERE " + USER_TABLES
            + " ORDER BY s.name, t.name";

    /** Columns of user tables, with identity, computed, default and collation details. */
    static final String COLUMNS_QUERY = "SELECT c.object_id, c.name,"
            + " CASE WHEN ty.is_user_defined = 1 AND ty.is_assembly_type = 0 THEN TYPE_NAME(c.system_type_id) ELSE ty.name END,"
            + " c.max_length, c.precision, c.scale, c.is_nullable, c.is_identity,"
            + " CAST(ic.seed_value AS nvarchar(40)), CAST(ic.increment_value AS nvarchar(40)),"
            + " cc.definition, cc.is_persisted, dc.name, dc.definition, c.collation_name"
            + " FROM sys.columns c JOIN sys.tables t ON t.object_id = c.object_id"
            + " JOIN sys.types ty ON ty.user_type_id = c.user_type_id"
            + " LEFT JOIN sys.identity_columns ic ON ic.object_id = c.object_id AND ic.column_id = c.column_id"
            + " LEFT JOIN sys.computed_columns cc ON cc.object_id = c.object_id AND cc.column_id = c.column_id"
            + " LEFT JOIN sys.default_constraints dc ON dc.parent_object_id = c.object_id AND dc.parent_column_id = c.column_id"
            + " WHERE " + USER_TABLES + " ORDER BY c.object_id, c.column_id";

    /** Sequences with the value the next call must return. */
    static final String SEQUENCES_QUERY = "SELECT s.name, q.name, TYPE_NAME(q.system_type_id), q.precision, q.scale,"
            + " CAST(q.start_value AS nvarchar(40)), CAST(q.increment AS nvarchar(40)),"
            + " CAST(q.minimum_value AS nvarchar(40)), CAST(q.maximum_value AS nvarchar(40)), q.is_cycling,"
            + " q.is_cached, q.cache_size, CAST(q.current_value AS nvarchar(40)), CAST(q.last_used_value AS nvarchar(40))"
            + " FROM sys.sequences q JOIN sys.schemas s ON s.schema_id = q.schema_id ORDER BY s.name, q.name";

    /** Rowstore indexes, primary keys and unique constraints with their key and included columns. */
    static final String INDEXES_QUERY = "SELECT s.name, t.name, i.name, i.type, i.is_primary_key, i.is_unique_constraint,"
            + " i.is_unique, i.filter_definition, c.name, ic.is_descending_key, ic.is_included_column"
            + " FROM sys.indexes i JOIN sys.tables t ON t.object_id = i.object_id"
            + " JOIN sys.schemas s ON s.schema_id = t.schema_id"
            + " JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id"
            + " JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id"
            + " WHERE " + USER_TABLES + " AND i.type IN (1, 2) AND i.is_hypothetical = 0"
            + " AND (ic.key_ordinal > 0 OR ic.is_included_column = 1)"
            + " ORDER BY s.name, t.name, i.index_id, ic.is_included_column, ic.key_ordinal, ic.index_column_id";

    /** Indexes that are not copied (columnstore, XML, spatial ...), to be reported. */
    static final String SKIPPED_INDEXES_QUERY = "SELECT s.name + N'.' + t.name + N'.' + i.name + N' (' + i.type_desc + N')'"
            + " FROM sys.indexes i JOIN sys.tables t ON t.object_id = i.object_id"
            + " JOIN sys.schemas s ON s.schema_id = t.schema_id"
            + " WHERE " + USER_TABLES + " AND i.type NOT IN (0, 1, 2) ORDER BY 1";

    /** Foreign keys, one row per column pair. */
    static final String FOREIGN_KEYS_QUERY = "SELECT s.name, t.name, fk.name, rs.name, rt.name,"
            + " fk.delete_referential_action_desc, fk.update_referential_action_desc, fk.is_not_trusted, fk.is_disabled,"
            + " pc.name, rc.name"
            + " FROM sys.foreign_keys fk JOIN sys.tables t ON t.object_id = fk.parent_object_id"
            + " JOIN sys.schemas s ON s.schema_id = t.schema_id"
            + " JOIN sys.tables rt ON rt.object_id = fk.referenced_object_id"
            + " JOIN sys.schemas rs ON rs.schema_id = rt.schema_id"
            + " JOIN sys.foreign_key_columns fkc ON fkc.constraint_object_id = fk.object_id"
            + " JOIN sys.columns pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id"
            + " JOIN sys.columns rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id"
            + " WHERE " + USER_TABLES + " ORDER BY s.name, t.name, fk.name, fkc.constraint_column_id";

    /** Check constraints. */
    static final String CHECKS_QUERY = "SELECT s.name, t.name, k.name, k.definition, k.is_not_trusted, k.is_disabled"
            + " FROM sys.check_constraints k JOIN sys.tables t ON t.object_id = k.parent_object_id"
            + " JOIN sys.schemas s ON s.schema_id = t.schema_id WHERE " + USER_TABLES + " ORDER BY s.name, t.name, k.name";

    /** Identity columns whose current value must carry over. */
    static final String IDENTITY_SEEDS_QUERY = "SELECT s.name, t.name, CAST(ic.last_value AS nvarchar(40))"
            + " FROM sys.identity_columns ic JOIN sys.tables t ON t.object_id = ic.object_id"
            + " JOIN sys.schemas s ON s.schema_id = t.schema_id WHERE " + USER_TABLES + " AND ic.last_value IS NOT NULL"
            + " ORDER BY s.name, t.name";

    /** Functions, views, procedures and triggers with their source text, dependencies roughly first. */
    static final String MODULES_QUERY = "SELECT RTRIM(o.type), s.name, o.name, m.definition, m.uses_ansi_nulls,"
            + " m.uses_quoted_identifier FROM sys.sql_modules m JOIN sys.objects o ON o.object_id = m.object_id"
            + " JOIN sys.schemas s ON s.schema_id = o.schema_id"
            + " WHERE o.is_ms_shipped = 0 AND o.type IN ('FN', 'IF', 'TF', 'V', 'P', 'TR')"
            + " ORDER BY CASE RTRIM(o.type) WHEN 'V' THEN 2 WHEN 'P' THEN 3 WHEN 'TR' THEN 4 ELSE 1 END, o.object_id";

    /** Views of user schemas as {@code schema.name}. */
    static final String VIEWS_QUERY = "SELECT s.name + N'.' + v.name FROM sys.views v JOIN sys.schemas s ON s.schema_id = v.schema_id"
            + " WHERE v.is_ms_shipped = 0 ORDER BY 1";

    /** Whether SNAPSHOT isolation is on for the current database, and whether READ COMMITTED uses row versions. */
    static final String SNAPSHOT_STATE_QUERY = "SELECT snapshot_isolation_state, is_read_committed_snapshot_on"
            + " FROM sys.databases WHERE database_id = DB_ID()";

    private SqlServerCatalog() {
    }

    /** One column of a table. */
    public record Column(String name, String type, int maxLength, int precision, int scale, boolean nullable,
                  boolean identity, String seed, String increment, String computed, boolean persisted,
                  String defaultName, String defaultDefinition, String collation) {

        /** A plain column of a type, nullable or not. */
        static Column plain(String name, String type, int maxLength, int precision, int scale, boolean nullable) {
            return new Column(name, type, maxLength, precision, scale, nullable, false, null, null, null, false, null,
                    null, null);
        }

        /** Rowversion columns are filled by the server. */
        public boolean rowversion() {
            return "timestamp".equals(type) || "rowversion".equals(type);
        }

        /** Whether rows carry a value for this column (computed and rowversion columns are derived). */
        public boolean copied() {
            return computed == null && !rowversion();
        }

        /** The column's type as T-SQL spells it in DDL. */
        public String typeSql() {
            if (!PLAIN_TYPE.matcher(type).matches()) {
                return quote(type);
            }
            return switch (type) {
                case "varchar", "char", "varbinary", "binary" -> type + "(" + (maxLength == -1 ? "max" : maxLength) + ")";
                case "nvarchar", "nchar" -> type + "(" + (maxLength == -1 ? "max" : maxLength / 2) + ")";
                case "decimal", "numeric" -> type + "(" + precision + ", " + scale + ")";
                case "datetime2", "datetimeoffset", "time" -> type + "(" + scale + ")";
                case "float" -> type + "(" + precision + ")";
                default -> type;
            };
        }

        /** The column's definition inside {@code CREATE TABLE}. */
        String ddl() {
            StringBuilder sb = new StringBuilder(quote(name));
            if (computed != null) {
                sb.append(" AS ").append(computed);
                if (persisted) {
                    sb.append(" PERSISTED");
                    if (!nullable) {
                        sb.append(" NOT NULL");
                    }
                }
                return sb.toString();
            }
            if (rowversion()) {
                return sb.append(" rowversion").toString();
            }
            sb.append(' ').append(typeSql());
            if (collation != null) {
                if (!COLLATION.matcher(collation).matches()) {
                    throw new IllegalArgumentException("not a collation name: " + collation);
                }
                sb.append(" COLLATE ").append(collation);
            }
            if (identity) {
                sb.append(" IDENTITY(").append(number(seed)).append(", ").append(number(increment)).append(')');
            }
            sb.append(nullable ? " NULL" : " NOT NULL");
            if (defaultDefinition != null) {
                if (defaultName != null) {
                    sb.append(" CONSTRAINT ").append(quote(defaultName));
                }
                sb.append(" DEFAULT ").append(defaultDefinition);
            }
            return sb.toString();
        }
    }

    /** One table with its columns in order. */
    public record Table(String schema, String name, long rows, List<Column> columns) {

        /** {@code [schema].[name]}. */
        public String qualifiedName() {
            return qualified(schema, name);
        }

        /** The {@code CREATE TABLE} statement, without keys or indexes (they come after masking). */
        String createSql() {
            return "CREATE TABLE " + qualifiedName() + " ("
                    + String.join(", ", columns.stream().map(Column::ddl).toList()) + ")";
        }

        /** Names of the columns whose values are copied, in table order. */
        public List<String> copiedColumns() {
            return columns.stream().filter(Column::copied).map(Column::name).toList();
        }

        /** How rows of this table are bulk-copied from the source. */
        BulkCopyPlan bulkCopyPlan() {
            List<String> cols = copiedColumns();
            String select = "SELECT " + String.join(", ", cols.stream().map(SqlServerSql::quote).toList())
                    + " FROM " + qualifiedName();
            return new BulkCopyPlan(select, qualifiedName(), cols,
                    columns.stream().anyMatch(c -> c.identity() && c.copied()));
        }
    }

    /**
     * A bulk copy of one table: the query that reads the source, the destination, and the destination
     * column each source ordinal (1-based, in list order) maps to.
     */
    record BulkCopyPlan(String sourceQuery, String destinationTable, List<String> destinationColumns,
                        boolean keepsIdentity) {
    }

    /** A sequence and where it stands. */
    record Sequence(String schema, String name, String type, int precision, int scale, String startValue,
                    String increment, String minimum, String maximum, boolean cycling, boolean cached,
                    Integer cacheSize, String currentValue, String lastUsedValue) {

        /** The {@code CREATE SEQUENCE} statement; it continues where the source stands. */
        String createSql() {
            if (!PLAIN_TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException("not a sequence type: " + type);
            }
            String typeSql = "decimal".equals(type) || "numeric".equals(type)
                    ? type + "(" + precision + ", " + scale + ")" : type;
            return "CREATE SEQUENCE " + qualified(schema, name) + " AS " + typeSql + " START WITH " + nextValue()
                    + " INCREMENT BY " + number(increment) + " MINVALUE " + number(minimum) + " MAXVALUE "
                    + number(maximum) + (cycling ? " CYCLE" : " NO CYCLE")
                    + (!cached ? " NO CACHE" : cacheSize == null ? " CACHE" : " CACHE " + cacheSize);
        }

        /** The value the next {@code NEXT VALUE FOR} must return, kept inside the sequence's range. */
        String nextValue() {
            if (lastUsedValue == null) {
                return number(currentValue == null ? startValue : currentValue);
            }
            BigDecimal next = new BigDecimal(lastUsedValue).add(new BigDecimal(increment));
            BigDecimal min = new BigDecimal(minimum);
            BigDecimal max = new BigDecimal(maximum);
            if (next.compareTo(max) > 0) {
                next = cycling ? min : max;
            } else if (next.compareTo(min) < 0) {
                next = cycling ? max : min;
            }
            return next.toPlainString();
        }
    }

    /** A primary key, unique constraint or rowstore index. */
    public record Index(String schema, String table, String name, boolean clustered, boolean primaryKey,
                 boolean uniqueConstraint, boolean unique, String filter, List<String> keys, List<Boolean> descending,
                 List<String> included) {

        /** The statement that builds it. */
        String createSql() {
            List<String> keyList = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                keyList.add(quote(keys.get(i)) + (descending.get(i) ? " DESC" : " ASC"));
            }
            String kind = clustered ? "CLUSTERED" : "NONCLUSTERED";
            String target = qualified(schema, table);
            if (primaryKey || uniqueConstraint) {
                return "ALTER TABLE " + target + " ADD CONSTRAINT " + quote(name) + (primaryKey ? " PRIMARY KEY " : " UNIQUE ")
                        + kind + " (" + String.join(", ", keyList) + ")";
            }
            StringBuilder sql = new StringBuilder("CREATE ").append(unique ? "UNIQUE " : "").append(kind)
                    .append(" INDEX ").append(quote(name)).append(" ON ").append(target)
                    .append(" (").append(String.join(", ", keyList)).append(')');
            if (!included.isEmpty()) {
                sql.append(" INCLUDE (").append(String.join(", ", included.stream().map(SqlServerSql::quote).toList()))
                        .append(')');
            }
            if (filter != null) {
                sql.append(" WHERE ").append(filter);
            }
            return sql.toString();
        }

        /** Clustered structures first, then keys, then the rest: the cheapest build order. */
        int buildOrder() {
            return (clustered ? 0 : 4) + (primaryKey ? 0 : uniqueConstraint ? 1 : 2);
        }
    }

    /** A foreign key. */
    public record ForeignKey(String schema, String table, String name, String refSchema, String refTable,
                      String onDelete, String onUpdate, boolean trusted, boolean disabled, List<String> columns,
                      List<String> refColumns) {

        /** Statements that build it (and disable it again if the source has it disabled). */
        List<String> createSql() {
            String target = qualified(schema, table);
            String sql = "ALTER TABLE " + target + (trusted ? " WITH CHECK" : " WITH NOCHECK") + " ADD CONSTRAINT "
                    + quote(name) + " FOREIGN KEY (" + String.join(", ", columns.stream().map(SqlServerSql::quote).toList())
                    + ") REFERENCES " + qualified(refSchema, refTable) + " ("
                    + String.join(", ", refColumns.stream().map(SqlServerSql::quote).toList()) + ")"
                    + " ON DELETE " + action(onDelete) + " ON UPDATE " + action(onUpdate);
            return disabled ? List.of(sql, "ALTER TABLE " + target + " NOCHECK CONSTRAINT " + quote(name)) : List.of(sql);
        }

        private static String action(String desc) {
            return switch (desc) {
                case "NO_ACTION" -> "NO ACTION";
                case "CASCADE" -> "CASCADE";
                case "SET_NULL" -> "SET NULL";
                case "SET_DEFAULT" -> "SET DEFAULT";
                default -> throw new IllegalArgumentException("unknown referential action " + desc);
            };
        }
    }

    /** A check constraint. */
    public record Check(String schema, String table, String name, String definition, boolean trusted, boolean disabled) {

        /** Statements that build it (and disable it again if the source has it disabled). */
        List<String> createSql() {
            String target = qualified(schema, table);
            String sql = "ALTER TABLE " + target + (trusted ? " WITH CHECK" : " WITH NOCHECK") + " ADD CONSTRAINT "
                    + quote(name) + " CHECK " + definition;
            return disabled ? List.of(sql, "ALTER TABLE " + target + " NOCHECK CONSTRAINT " + quote(name)) : List.of(sql);
        }
    }

    /** A function, view, procedure or trigger, with the session settings it was created under. */
    record Module(String type, String schema, String name, String definition, boolean ansiNulls,
                  boolean quotedIdentifier) {

        /** The SET statements to run before the definition. */
        String sessionSettings() {
            return "SET ANSI_NULLS " + (ansiNulls ? "ON" : "OFF") + "; SET QUOTED_IDENTIFIER "
                    + (quotedIdentifier ? "ON" : "OFF");
        }

        /** Human name for messages, e.g. {@code view dbo.customer_order_totals}. */
        String label() {
            String kind = switch (type) {
                case "V" -> "view";
                case "P" -> "procedure";
                case "TR" -> "trigger";
                default -> "function";
            };
            return kind + " " + schema + "." + name;
        }
    }

    /** The statement that sets an identity's current value to where the source stands. */
    static String reseedIdentity(String schema, String table, String lastValue) {
        return "DBCC CHECKIDENT (" + literal(qualified(schema, table)) + ", RESEED, " + number(lastValue) + ")";
    }

    /** The statement that creates a schema. */
    static String createSchema(String schema) {
        return "CREATE SCHEMA " + quote(schema);
    }

    /** A numeric literal, checked to be a number (catalog values travel as text to keep their precision). */
    static String number(String value) {
        return new BigDecimal(value.trim()).toPlainString();
    }

    /** Reads the schema's tables and columns. */
    public static List<Table> readTables(Connection c) throws SQLException {
        Map<Integer, String[]> heads = new LinkedHashMap<>();
        Map<Integer, Long> rows = new LinkedHashMap<>();
        Map<Integer, List<Column>> columns = new LinkedHashMap<>();
        query(c, TABLES_QUERY, rs -> {
            heads.put(rs.getInt(1), new String[] {rs.getString(2), rs.getString(3)});
            rows.put(rs.getInt(1), rs.getLong(4));
            columns.put(rs.getInt(1), new ArrayList<>());
        });
        query(c, COLUMNS_QUERY, rs -> {
            List<Column> list = columns.get(rs.getInt(1));
            if (list != null) {
                int precision = rs.getInt(5);
                int scale = rs.getInt(6);
                Object persisted = rs.getObject(12);
                list.add(new Column(rs.getString(2), rs.getString(3).toLowerCase(Locale.ROOT), rs.getInt(4),
                        precision, scale, rs.getBoolean(7), rs.getBoolean(8), rs.getString(9), rs.getString(10),
                        rs.getString(11), persisted != null && rs.getBoolean(12), rs.getString(13), rs.getString(14),
                        rs.getString(15)));
            }
        });
        List<Table> tables = new ArrayList<>();
        heads.forEach((id, head) -> tables.add(new Table(head[0], head[1], rows.get(id), List.copyOf(columns.get(id)))));
        return tables;
    }

    /** Reads the user schemas other than {@code dbo}. */
    public static List<String> readSchemas(Connection c) throws SQLException {
        List<String> schemas = new ArrayList<>();
        query(c, SCHEMAS_QUERY, rs -> schemas.add(rs.getString(1)));
        return schemas;
    }

    /** Reads the sequences. */
    static List<Sequence> readSequences(Connection c) throws SQLException {
        List<Sequence> sequences = new ArrayList<>();
        query(c, SEQUENCES_QUERY, rs -> {
            int cache = rs.getInt(12);
            Integer cacheSize = rs.wasNull() ? null : cache;
            sequences.add(new Sequence(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                    rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10),
                    rs.getBoolean(11), cacheSize, rs.getString(13), rs.getString(14)));
        });
        return sequences;
    }

    /** Reads keys and rowstore indexes. */
    public static List<Index> readIndexes(Connection c) throws SQLException {
        Map<String, Object[]> heads = new LinkedHashMap<>();
        Map<String, List<Object[]>> cols = new LinkedHashMap<>();
        query(c, INDEXES_QUERY, rs -> {
            String key = rs.getString(1) + "\u0000" + rs.getString(2) + "\u0000" + rs.getString(3);
            if (!heads.containsKey(key)) {
                heads.put(key, new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) == 1,
                        rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7), rs.getString(8)});
                cols.put(key, new ArrayList<>());
            }
            cols.get(key).add(new Object[] {rs.getString(9), rs.getBoolean(10), rs.getBoolean(11)});
        });
        List<Index> indexes = new ArrayList<>();
        heads.forEach((key, h) -> {
            List<String> keys = new ArrayList<>();
            List<Boolean> desc = new ArrayList<>();
            List<String> included = new ArrayList<>();
            for (Object[] col : cols.get(key)) {
                if ((Boolean) col[2]) {
                    included.add((String) col[0]);
                } else {
                    keys.add((String) col[0]);
                    desc.add((Boolean) col[1]);
                }
            }
            indexes.add(new Index((String) h[0], (String) h[1], (String) h[2], (Boolean) h[3], (Boolean) h[4],
                    (Boolean) h[5], (Boolean) h[6], (String) h[7], keys, desc, included));
        });
        indexes.sort((a, b) -> Integer.compare(a.buildOrder(), b.buildOrder()));
        return indexes;
    }

    /** Reads the foreign keys. */
    public static List<ForeignKey> readForeignKeys(Connection c) throws SQLException {
        Map<String, ForeignKey> fks = new LinkedHashMap<>();
        query(c, FOREIGN_KEYS_QUERY, rs -> {
            String key = rs.getString(1) + "\u0000" + rs.getString(2) + "\u0000" + rs.getString(3);
            ForeignKey fk = fks.get(key);
            if (fk == null) {
                fk = new ForeignKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), !rs.getBoolean(8), rs.getBoolean(9), new ArrayList<>(),
                        new ArrayList<>());
                fks.put(key, fk);
            }
            fk.columns().add(rs.getString(10));
            fk.refColumns().add(rs.getString(11));
        });
        return new ArrayList<>(fks.values());
    }

    /** Reads the check constraints. */
    public static List<Check> readChecks(Connection c) throws SQLException {
        List<Check> checks = new ArrayList<>();
        query(c, CHECKS_QUERY, rs -> checks.add(new Check(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), !rs.getBoolean(5), rs.getBoolean(6))));
        return checks;
    }

    /** Reads the identity columns' current values as reseed statements. */
    static List<String> readIdentityReseeds(Connection c) throws SQLException {
        List<String> sql = new ArrayList<>();
        query(c, IDENTITY_SEEDS_QUERY, rs -> sql.add(reseedIdentity(rs.getString(1), rs.getString(2), rs.getString(3))));
        return sql;
    }

    /** Reads the modules; a module without readable text has a null definition. */
    static List<Module> readModules(Connection c) throws SQLException {
        List<Module> modules = new ArrayList<>();
        query(c, MODULES_QUERY, rs -> modules.add(new Module(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getBoolean(5), rs.getBoolean(6))));
        return modules;
    }

    /** Reads the views of user schemas as {@code schema.name}. */
    public static List<String> readViews(Connection c) throws SQLException {
        List<String> views = new ArrayList<>();
        query(c, VIEWS_QUERY, rs -> views.add(rs.getString(1)));
        return views;
    }

    /** Reads descriptions of the indexes that are not copied. */
    static List<String> readSkippedIndexes(Connection c) throws SQLException {
        List<String> skipped = new ArrayList<>();
        query(c, SKIPPED_INDEXES_QUERY, rs -> skipped.add(rs.getString(1)));
        return skipped;
    }

    /** Receives one row. */
    interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    /** Runs a query and hands each row to a handler. */
    static void query(Connection c, String sql, RowHandler handler) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                handler.row(rs);
            }
        }
    }
}
