package dev.petri.masking.sql;

import com.microsoft.sqlserver.jdbc.SQLServerBulkCopy;
import com.microsoft.sqlserver.jdbc.SQLServerBulkCopyOptions;
import dev.petri.engine.sqlserver.SqlServerBulkRows;
import dev.petri.engine.sqlserver.SqlServerCatalog;
import dev.petri.masking.MaskingException;
import dev.petri.masking.catalog.Catalog;
import dev.petri.masking.catalog.ColumnInfo;
import dev.petri.masking.catalog.ConstraintInfo;
import dev.petri.masking.catalog.TableInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The SQL Server masking dialect. Discovery reuses the engine's {@code sys.*} catalog reader
 * ({@link SqlServerCatalog}); rows stream from forward-only result sets; a rewrite reads the rows in
 * bulk, masks them in parallel batches (order kept), streams them with one {@code SQLServerBulkCopy}
 * into a {@code #} work table and applies them in one set-based statement:
 * <ul>
 *   <li>a table with a primary key (and no masked identity column): {@code UPDATE t SET … FROM t JOIN
 *       #work ON} the key's original values, reading only the key and the masked columns;</li>
 *   <li>any other table (no key, or a masked identity column): {@code TRUNCATE} and {@code INSERT …
 *       SELECT} of every row from the work table in one transaction, identities kept with
 *       {@code IDENTITY_INSERT}.</li>
 * </ul>
 * Computed and rowversion columns are never written; the server derives them.
 */
public final class SqlServerMaskingDialect implements MaskingDialect {

    private static final int BATCH_ROWS = 2_000;
    private static final int PROGRESS_EVERY = 50_000;

    private final ExecutorService workers;
    private final int inFlight;
    private final Map<String, SqlServerCatalog.Table> tables = new ConcurrentHashMap<>();
    private final Map<String, List<String>> primaryKeys = new ConcurrentHashMap<>();
    private final AtomicLong workTables = new AtomicLong();

    /** A dialect that masks batches on a pool of worker threads. */
    public SqlServerMaskingDialect(ExecutorService workers, int parallelism) {
        this.workers = workers;
        this.inFlight = Math.max(2, parallelism * 2);
    }

    @Override
    public String quote(String identifier) {
        return SqlServerMaskingSql.quote(identifier);
    }

    private static String key(String schema, String table) {
        return schema + "\u0000" + table;
    }

    @Override
    public Catalog readCatalog(Connection staging, Connection source) throws SQLException {
        List<TableInfo> result = new ArrayList<>();
        for (SqlServerCatalog.Table t : SqlServerCatalog.readTables(staging)) {
            tables.put(key(t.schema(), t.name()), t);
            result.add(tableInfo(t));
        }
        List<ConstraintInfo> constraints = constraints(SqlServerCatalog.readIndexes(source),
                SqlServerCatalog.readForeignKeys(source), SqlServerCatalog.readChecks(source), result);
        for (ConstraintInfo k : constraints) {
            if (k.type() == ConstraintInfo.Type.PRIMARY_KEY) {
                primaryKeys.put(key(k.schema(), k.table()), k.columns());
            }
        }
        return new Catalog(List.copyOf(result), constraints, List.copyOf(SqlServerCatalog.readViews(source)));
    }

    /** A table as masking sees it: computed and rowversion columns are generated, lengths in characters. */
    static TableInfo tableInfo(SqlServerCatalog.Table t) {
        List<ColumnInfo> columns = new ArrayList<>();
        for (SqlServerCatalog.Column c : t.columns()) {
            columns.add(columnInfo(t.schema(), t.name(), c));
        }
        return new TableInfo(t.schema(), t.name(), List.copyOf(columns), t.rows());
    }

    static ColumnInfo columnInfo(String schema, String table, SqlServerCatalog.Column c) {
        String type = c.rowversion() ? "rowversion" : c.typeSql();
        int chars = 0;
        if (c.maxLength() > 0) {
            chars = switch (c.type()) {
                case "varchar", "char" -> c.maxLength();
                case "nvarchar", "nchar" -> c.maxLength() / 2;
                default -> 0;
            };
        }
        return new ColumnInfo(schema, table, c.name(), type, chars, !c.nullable(), !c.copied());
    }

    /**
     * The constraints masking must keep: primary keys, unique constraints and unfiltered unique
     * indexes, and the enabled, trusted foreign keys and checks (a check's columns are those its
     * definition names).
     */
    static List<ConstraintInfo> constraints(List<SqlServerCatalog.Index> indexes, List<SqlServerCatalog.ForeignKey> fks,
                                            List<SqlServerCatalog.Check> checks, List<TableInfo> tables) {
        List<ConstraintInfo> out = new ArrayList<>();
        for (SqlServerCatalog.Index i : indexes) {
            if (i.primaryKey() || i.uniqueConstraint() || (i.unique() && i.filter() == null)) {
                out.add(new ConstraintInfo(i.schema(), i.table(), i.name(), i.primaryKey()
                        ? ConstraintInfo.Type.PRIMARY_KEY : ConstraintInfo.Type.UNIQUE, List.copyOf(i.keys()), null, null,
                        List.of(), null));
            }
        }
        for (SqlServerCatalog.ForeignKey fk : fks) {
            if (fk.trusted() && !fk.disabled()) {
                out.add(new ConstraintInfo(fk.schema(), fk.table(), fk.name(), ConstraintInfo.Type.FOREIGN_KEY,
                        List.copyOf(fk.columns()), fk.refSchema(), fk.refTable(), List.copyOf(fk.refColumns()), null));
            }
        }
        for (SqlServerCatalog.Check k : checks) {
            if (!k.trusted() || k.disabled()) {
                continue;
            }
            List<String> named = new ArrayList<>();
            for (TableInfo t : tables) {
                if (t.schema().equals(k.schema()) && t.name().equals(k.table())) {
                    String definition = k.definition().toLowerCase(Locale.ROOT);
                    t.columns().stream().map(ColumnInfo::name)
                            .filter(n -> definition.contains(SqlServerMaskingSql.quote(n).toLowerCase(Locale.ROOT)))
                            .forEach(named::add);
                }
            }
            out.add(new ConstraintInfo(k.schema(), k.table(), k.name(), ConstraintInfo.Type.CHECK, List.copyOf(named),
                    null, null, List.of(), k.definition()));
        }
        return List.copyOf(out);
    }

    @Override
    public String sampleSql(TableInfo table, List<ColumnInfo> columns, int limit) {
        return SqlServerMaskingSql.sample(table.schema(), table.name(), columns, limit);
    }

    @Override
    public String duplicatesSql(TableInfo table, List<String> columns) {
        return SqlServerMaskingSql.duplicates(table.schema(), table.name(), columns);
    }

    @Override
    public String orphansSql(TableInfo table, ConstraintInfo foreignKey, TableInfo referenced) {
        return SqlServerMaskingSql.orphans(table.schema(), table.name(), foreignKey);
    }

    @Override
    public String checkViolationsSql(TableInfo table, String expression) {
        return SqlServerMaskingSql.checkViolations(table.schema(), table.name(), expression);
    }

    private static Statement streaming(Connection c) throws SQLException {
        Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        st.setFetchSize(BATCH_ROWS);
        return st;
    }

    @Override
    public void readRows(Connection connection, TableInfo table, List<ColumnInfo> columns, RowReader reader)
            throws SQLException {
        int n = columns.size();
        String[] values = new String[n];
        try (Statement st = streaming(connection);
             ResultSet rs = st.executeQuery(SqlServerMaskingSql.select(table.schema(), table.name(), columns))) {
            while (rs.next()) {
                for (int i = 0; i < n; i++) {
                    values[i] = rs.getString(i + 1);
                }
                reader.row(values);
            }
        }
    }

    @Override
    public void readRowsInParallel(Connection connection, TableInfo table, List<ColumnInfo> columns, RowReader reader)
            throws SQLException {
        int n = columns.size();
        BoundedTasks tasks = new BoundedTasks(workers, inFlight, "reading " + table.path());
        try (Statement st = streaming(connection);
             ResultSet rs = st.executeQuery(SqlServerMaskingSql.select(table.schema(), table.name(), columns))) {
            while (true) {
                List<String[]> batch = readBatch(rs, n);
                if (batch.isEmpty()) {
                    break;
                }
                tasks.submit(() -> batch.forEach(reader::row));
            }
            tasks.awaitAll();
        }
    }

    private static List<String[]> readBatch(ResultSet rs, int n) throws SQLException {
        List<String[]> batch = new ArrayList<>(BATCH_ROWS);
        while (batch.size() < BATCH_ROWS && rs.next()) {
            String[] row = new String[n];
            for (int i = 0; i < n; i++) {
                row[i] = rs.getString(i + 1);
            }
            batch.add(row);
        }
        return batch;
    }

    /** How a table is rewritten. */
    record Plan(boolean keyed, List<ColumnInfo> read, int[] maskedAt, List<ColumnInfo> key, boolean identity) {
    }

    /**
     * Chooses how to rewrite a table: keyed by its primary key when it has one whose columns
     * survive the trip through text and no masked column is an identity; else a reload of every copied
     * column.
     */
    static Plan plan(TableInfo table, List<ColumnInfo> masked, List<String> primaryKey, SqlServerCatalog.Table engineTable) {
        Set<String> identities = new HashSet<>();
        if (engineTable != null) {
            engineTable.columns().stream().filter(SqlServerCatalog.Column::identity)
                    .forEach(c -> identities.add(c.name()));
        }
        for (ColumnInfo c : masked) {
            if (c.generated()) {
                throw new IllegalArgumentException("computed column " + c.path() + " is never rewritten");
            }
        }
        boolean maskedIdentity = masked.stream().anyMatch(c -> identities.contains(c.name()));
        List<ColumnInfo> key = primaryKey == null ? List.of()
                : primaryKey.stream().map(table::column).toList();
        boolean keyed = !key.isEmpty() && !key.contains(null) && !maskedIdentity
                && key.stream().allMatch(c -> !c.generated() && SqlServerMaskingSql.rewritable(c));
        if (keyed) {
            List<ColumnInfo> read = new ArrayList<>(key);
            read.addAll(masked);
            int[] at = new int[masked.size()];
            for (int j = 0; j < at.length; j++) {
                at[j] = key.size() + j;
            }
            return new Plan(true, List.copyOf(read), at, List.copyOf(key), false);
        }
        List<ColumnInfo> read = table.columns().stream().filter(c -> !c.generated()).toList();
        for (ColumnInfo c : read) {
            if (!SqlServerMaskingSql.rewritable(c)) {
                throw new MaskingException("unsupported-type", "table " + table.path() + " has no primary key and its"
                        + " column " + c.name() + " of type " + c.type() + " cannot be rewritten by masking on SQL Server",
                        null, null);
            }
        }
        int[] at = new int[masked.size()];
        for (int j = 0; j < at.length; j++) {
            at[j] = read.indexOf(masked.get(j));
        }
        boolean identity = read.stream().anyMatch(c -> identities.contains(c.name()));
        return new Plan(false, read, at, List.of(), identity);
    }

    @Override
    public RewriteStats rewrite(Connection read, Connection write, TableInfo table, List<ColumnInfo> masked,
                                RowMasker masker, LongConsumer progress) throws SQLException {
        SqlServerCatalog.Table engineTable = tables.get(key(table.schema(), table.name()));
        if (engineTable == null) {
            for (SqlServerCatalog.Table t : SqlServerCatalog.readTables(write)) {
                tables.putIfAbsent(key(t.schema(), t.name()), t);
            }
            engineTable = tables.get(key(table.schema(), table.name()));
        }
        Plan plan = plan(table, masked, primaryKeys.get(key(table.schema(), table.name())), engineTable);
        String work = SqlServerMaskingSql.workTable(plan.keyed() ? "map" : "rows", workTables.incrementAndGet());
        long started = System.nanoTime();
        long loaded;
        MaskedRows rows;
        try (Statement st = write.createStatement()) {
            st.execute(SqlServerMaskingSql.dropWorkTable(work));
            int keys = plan.key().size();
            st.execute(SqlServerMaskingSql.createWorkTable(work, collations(plan.read(), engineTable), keys));
            try (Statement rst = streaming(read);
                 ResultSet rs = rst.executeQuery(SqlServerMaskingSql.select(table.schema(), table.name(), plan.read()))) {
                rows = new MaskedRows(rs, plan.read().size(), plan.maskedAt(), masker, progress);
                try {
                    bulkCopy(write, work, plan.read().size(), keys, rows);
                } catch (SQLException | RuntimeException e) {
                    // the driver may wrap what the row source threw: a rule's own error says more
                    if (rows.failure() != null && rows.failure() != e) {
                        throw rows.failure();
                    }
                    throw e;
                }
            }
            if (!read.getAutoCommit()) {
                read.commit();
            }
            progress.accept(rows.count());
            loaded = System.nanoTime();
            boolean auto = write.getAutoCommit();
            write.setAutoCommit(false);
            try {
                if (plan.keyed()) {
                    st.execute(SqlServerMaskingSql.updateFromWorkTable(table.schema(), table.name(), plan.key(), masked,
                            work));
                } else {
                    for (String sql : SqlServerMaskingSql.reload(table.schema(), table.name(), plan.read(),
                            plan.identity(), work)) {
                        st.execute(sql);
                    }
                }
                write.commit();
            } catch (SQLException | RuntimeException e) {
                write.rollback();
                throw e;
            } finally {
                write.setAutoCommit(auto);
            }
            st.execute(SqlServerMaskingSql.dropWorkTable(work));
        }
        return new RewriteStats(rows.count(), (loaded - started) / 1_000_000, (System.nanoTime() - loaded) / 1_000_000);
    }

    /** Work-table collations: a character column's own, so that keys join exactly as the column compares. */
    static List<String> collations(List<ColumnInfo> columns, SqlServerCatalog.Table engineTable) {
        List<String> out = new ArrayList<>();
        for (ColumnInfo c : columns) {
            String collation = null;
            if (SqlServerMaskingSql.collated(c.type())) {
                if (engineTable != null) {
                    collation = engineTable.columns().stream().filter(e -> e.name().equals(c.name())).findFirst()
                            .map(SqlServerCatalog.Column::collation).orElse(null);
                }
                if (collation == null) {
                    collation = "DATABASE_DEFAULT";
                }
            }
            out.add(collation);
        }
        return out;
    }

    private static void bulkCopy(Connection write, String work, int columns, int keys, Iterator<Object[]> rows)
            throws SQLException {
        SQLServerBulkCopyOptions options = new SQLServerBulkCopyOptions();
        options.setKeepNulls(true);
        options.setTableLock(true);
        options.setBatchSize(50_000);
        options.setBulkCopyTimeout(0);
        try (SQLServerBulkCopy bulk = new SQLServerBulkCopy(write)) {
            bulk.setBulkCopyOptions(options);
            bulk.setDestinationTableName(work);
            List<String> mappings = SqlServerMaskingSql.bulkMappings(columns);
            for (int i = 0; i < mappings.size(); i++) {
                bulk.addColumnMapping(i + 1, mappings.get(i));
            }
            bulk.writeToServer(new SqlServerBulkRows(SqlServerMaskingSql.workColumns(columns, keys), rows));
        }
    }

    /**
     * Rows read from a result set, masked in parallel batches on the workers and handed out in order,
     * so the bulk copy pulls masked rows while the next batches are being read and masked.
     */
    final class MaskedRows implements Iterator<Object[]> {
        private final ResultSet rs;
        private final int n;
        private final int[] maskedAt;
        private final RowMasker masker;
        private final LongConsumer progress;
        private final ArrayDeque<Future<List<Object[]>>> pending = new ArrayDeque<>();
        private Iterator<Object[]> current = Collections.emptyIterator();
        private boolean exhausted;
        private long count;
        private RuntimeException failure;

        MaskedRows(ResultSet rs, int n, int[] maskedAt, RowMasker masker, LongConsumer progress) {
            this.rs = rs;
            this.n = n;
            this.maskedAt = maskedAt;
            this.masker = masker;
            this.progress = progress;
        }

        long count() {
            return count;
        }

        /** What reading or masking threw, if anything. */
        RuntimeException failure() {
            return failure;
        }

        @Override
        public boolean hasNext() {
            try {
                return advance();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }

        private boolean advance() {
            try {
                while (!current.hasNext()) {
                    fill();
                    if (pending.isEmpty()) {
                        return false;
                    }
                    current = pending.poll().get().iterator();
                }
                return true;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("masking interrupted", e);
            } catch (ExecutionException e) {
                pending.forEach(f -> f.cancel(true));
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        @Override
        public Object[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        private void fill() throws SQLException {
            while (!exhausted && pending.size() < inFlight) {
                List<String[]> batch = readBatch(rs, n);
                if (batch.isEmpty()) {
                    exhausted = true;
                    break;
                }
                long before = count;
                count += batch.size();
                if (before / PROGRESS_EVERY != count / PROGRESS_EVERY) {
                    progress.accept(count);
                }
                pending.add(workers.submit(() -> maskBatch(batch, maskedAt, masker)));
            }
        }
    }

    /** Masks the values at {@code maskedAt} of every row of a batch in place; the rows, ready for the bulk copy. */
    static List<Object[]> maskBatch(List<String[]> batch, int[] maskedAt, RowMasker masker) {
        List<Object[]> out = new ArrayList<>(batch.size());
        String[] values = new String[maskedAt.length];
        for (String[] row : batch) {
            for (int j = 0; j < maskedAt.length; j++) {
                values[j] = row[maskedAt[j]];
            }
            masker.mask(values);
            for (int j = 0; j < maskedAt.length; j++) {
                row[maskedAt[j]] = values[j];
            }
            out.add(row);
        }
        return out;
    }
}
