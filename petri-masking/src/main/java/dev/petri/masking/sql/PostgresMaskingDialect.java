package dev.petri.masking.sql;

import dev.petri.masking.catalog.Catalog;
import dev.petri.masking.catalog.ColumnInfo;
import dev.petri.masking.catalog.ConstraintInfo;
import dev.petri.masking.catalog.TableInfo;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/**
 * The PostgreSQL masking dialect: catalog queries, and table rewrites by {@code COPY … TO STDOUT},
 * masking in parallel batches, then {@code TRUNCATE} + {@code COPY … FROM STDIN} in one transaction
 * (the staged tables have no indexes or constraints yet, so this is the cheapest full rewrite).
 */
public final class PostgresMaskingDialect implements MaskingDialect {

    private static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog','information_schema','pg_toast')"
            + " AND n.nspname NOT LIKE 'pg_temp_%' AND n.nspname NOT LIKE 'pg_toast_temp_%'";
    private static final int BATCH_ROWS = 2_000;
    private static final int PROGRESS_EVERY = 50_000;

    private final ExecutorService workers;
    private final int inFlight;

    /** A dialect that masks batches on a pool of worker threads. */
    public PostgresMaskingDialect(ExecutorService workers, int parallelism) {
        this.workers = workers;
        this.inFlight = Math.max(2, parallelism * 2);
    }

    @Override
    public String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public Catalog readCatalog(Connection staging, Connection source) throws SQLException {
        Map<String, List<ColumnInfo>> columns = new LinkedHashMap<>();
        Map<String, Long> estimates = new LinkedHashMap<>();
        try (Statement st = staging.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod),"
                        + " CASE WHEN a.atttypid IN (1042, 1043) AND a.atttypmod > 4 THEN a.atttypmod - 4 ELSE 0 END,"
                        + " a.attnotnull, a.attgenerated <> '', greatest(c.reltuples, 0)::bigint"
                        + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r','p') AND NOT c.relispartition"
                        + " AND " + USER_SCHEMAS + " ORDER BY n.nspname, c.relname, a.attnum")) {
            while (rs.next()) {
                String key = rs.getString(1) + "\u0000" + rs.getString(2);
                columns.computeIfAbsent(key, k -> new ArrayList<>()).add(new ColumnInfo(rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getBoolean(6),
                        rs.getBoolean(7)));
                estimates.put(key, rs.getLong(8));
            }
        }
        List<TableInfo> tables = new ArrayList<>();
        for (Map.Entry<String, List<ColumnInfo>> e : columns.entrySet()) {
            String[] st = e.getKey().split("\u0000", 2);
            tables.add(new TableInfo(st[0], st[1], List.copyOf(e.getValue()), estimates.get(e.getKey())));
        }
        List<ConstraintInfo> constraints = new ArrayList<>();
        try (Statement st = source.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT n.nspname, c.relname, k.conname, k.contype,"
                        + " ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(num, ord)"
                        + "   JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num ORDER BY u.ord),"
                        + " fn.nspname, fc.relname,"
                        + " ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(num, ord)"
                        + "   JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.num ORDER BY u.ord),"
                        + " CASE WHEN k.contype = 'c' THEN pg_get_expr(k.conbin, k.conrelid) END"
                        + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " LEFT JOIN pg_class fc ON fc.oid = k.confrelid"
                        + " LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace"
                        + " WHERE k.contype IN ('p','u','f','c') AND " + USER_SCHEMAS
                        + " UNION ALL"
                        + " SELECT n.nspname, c.relname, ic.relname, 'u',"
                        + " ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY u(num, ord)"
                        + "   JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.num ORDER BY u.ord),"
                        + " NULL, NULL, ARRAY[]::text[], NULL"
                        + " FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE i.indisunique AND i.indexprs IS NULL AND " + USER_SCHEMAS
                        + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)"
                        + " ORDER BY 1, 2, 3")) {
            while (rs.next()) {
                ConstraintInfo.Type type = switch (rs.getString(4)) {
                    case "p" -> ConstraintInfo.Type.PRIMARY_KEY;
                    case "u" -> ConstraintInfo.Type.UNIQUE;
                    case "f" -> ConstraintInfo.Type.FOREIGN_KEY;
                    default -> ConstraintInfo.Type.CHECK;
                };
                constraints.add(new ConstraintInfo(rs.getString(1), rs.getString(2), rs.getString(3), type,
                        strings(rs.getArray(5)), rs.getString(6), rs.getString(7), strings(rs.getArray(8)),
                        rs.getString(9)));
            }
        }
        List<String> views = new ArrayList<>();
        try (Statement st = source.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('v','m') AND " + USER_SCHEMAS + " ORDER BY 1")) {
            while (rs.next()) {
                views.add(rs.getString(1));
            }
        }
        return new Catalog(List.copyOf(tables), List.copyOf(constraints), List.copyOf(views));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private String columnList(List<ColumnInfo> columns) {
        return columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
    }

    @Override
    public String sampleSql(TableInfo table, List<ColumnInfo> columns, int limit) {
        String cols = columns.stream().map(c -> quote(c.name()) + "::text").collect(Collectors.joining(", "));
        return "SELECT " + cols + " FROM " + qualified(table) + " LIMIT " + limit;
    }

    @Override
    public String duplicatesSql(TableInfo table, List<String> columns) {
        String cols = columns.stream().map(this::quote).collect(Collectors.joining(", "));
        String notNull = columns.stream().map(c -> quote(c) + " IS NOT NULL").collect(Collectors.joining(" AND "));
        return "SELECT 1 FROM " + qualified(table) + " WHERE " + notNull + " GROUP BY " + cols
                + " HAVING count(*) > 1 LIMIT 1";
    }

    @Override
    public String orphansSql(TableInfo table, ConstraintInfo fk, TableInfo referenced) {
        StringBuilder join = new StringBuilder();
        StringBuilder notNull = new StringBuilder();
        for (int i = 0; i < fk.columns().size(); i++) {
            String sep = i == 0 ? "" : " AND ";
            join.append(sep).append("p.").append(quote(fk.refColumns().get(i))).append(" = c.").append(quote(fk.columns().get(i)));
            notNull.append(sep).append("c.").append(quote(fk.columns().get(i))).append(" IS NOT NULL");
        }
        return "SELECT count(*) FROM " + qualified(table) + " c WHERE " + notNull + " AND NOT EXISTS (SELECT 1 FROM "
                + qualified(referenced) + " p WHERE " + join + ")";
    }

    @Override
    public String checkViolationsSql(TableInfo table, String expression) {
        return "SELECT count(*) FROM " + qualified(table) + " WHERE NOT (" + expression + ")";
    }

    @Override
    public void readRows(Connection connection, TableInfo table, List<ColumnInfo> columns, RowReader reader)
            throws SQLException {
        CopyOut out = copy(connection).copyOut("COPY (SELECT " + columnList(columns) + " FROM " + qualified(table)
                + ") TO STDOUT");
        int n = columns.size();
        String[] values = new String[n];
        byte[] row;
        while ((row = out.readFromCopy()) != null) {
            int[] b = CopyText.split(row, n);
            for (int i = 0; i < n; i++) {
                values[i] = CopyText.decode(row, b[i], b[n + i]);
            }
            reader.row(values);
        }
    }

    @Override
    public void readRowsInParallel(Connection connection, TableInfo table, List<ColumnInfo> columns, RowReader reader)
            throws SQLException {
        CopyOut out = copy(connection).copyOut("COPY (SELECT " + columnList(columns) + " FROM " + qualified(table)
                + ") TO STDOUT");
        int n = columns.size();
        ArrayDeque<Future<?>> pending = new ArrayDeque<>();
        List<byte[]> batch = new ArrayList<>(BATCH_ROWS);
        try {
            byte[] row;
            while (true) {
                row = out.readFromCopy();
                if (row != null) {
                    batch.add(row);
                }
                if (batch.size() == BATCH_ROWS || (row == null && !batch.isEmpty())) {
                    List<byte[]> b = batch;
                    pending.add(workers.submit(() -> {
                        for (byte[] r : b) {
                            int[] bounds = CopyText.split(r, n);
                            String[] values = new String[n];
                            for (int i = 0; i < n; i++) {
                                values[i] = CopyText.decode(r, bounds[i], bounds[n + i]);
                            }
                            reader.row(values);
                        }
                    }));
                    batch = new ArrayList<>(BATCH_ROWS);
                    while (pending.size() > inFlight) {
                        pending.poll().get();
                    }
                }
                if (row == null) {
                    break;
                }
            }
            while (!pending.isEmpty()) {
                pending.poll().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("reading " + table.path() + " interrupted", e);
        } catch (ExecutionException e) {
            pending.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new SQLException("reading " + table.path() + " failed", e.getCause());
        } finally {
            if (out.isActive()) {
                out.cancelCopy();
            }
        }
    }

    @Override
    public RewriteStats rewrite(Connection read, Connection write, TableInfo table, List<ColumnInfo> masked, RowMasker masker,
                        LongConsumer progress) throws SQLException {
        List<ColumnInfo> cols = table.columns().stream().filter(c -> !c.generated()).toList();
        int n = cols.size();
        int[] slot = new int[n];
        Arrays.fill(slot, -1);
        for (int j = 0; j < masked.size(); j++) {
            slot[cols.indexOf(masked.get(j))] = j;
        }
        Path file;
        try {
            file = Files.createTempFile("petri-masked-", ".copy");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            long started = System.nanoTime();
            long rows = maskToFile(read, table, cols, slot, masked.size(), masker, file, progress);
            if (!read.getAutoCommit()) {
                read.commit();
            }
            long masked1 = System.nanoTime();
            boolean auto = write.getAutoCommit();
            write.setAutoCommit(false);
            try (Statement st = write.createStatement(); InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                st.execute("TRUNCATE " + qualified(table));
                copy(write).copyIn("COPY " + qualified(table) + " (" + columnList(cols) + ") FROM STDIN", in, 1 << 16);
                write.commit();
                return new RewriteStats(rows, (masked1 - started) / 1_000_000, (System.nanoTime() - masked1) / 1_000_000);
            } catch (SQLException | IOException | RuntimeException e) {
                write.rollback();
                if (e instanceof SQLException se) {
                    throw se;
                }
                throw new SQLException("reloading " + table.path() + " failed", e);
            } finally {
                write.setAutoCommit(auto);
            }
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file of masked rows left behind is harmless; the OS cleans its temp directory
            }
        }
    }

    private long maskToFile(Connection read, TableInfo table, List<ColumnInfo> cols, int[] slot, int maskedCount,
                            RowMasker masker, Path file, LongConsumer progress) throws SQLException {
        CopyOut out = copy(read).copyOut("COPY (SELECT " + columnList(cols) + " FROM " + qualified(table) + ") TO STDOUT");
        ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
        long rows = 0;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            List<byte[]> batch = new ArrayList<>(BATCH_ROWS);
            byte[] row;
            while (true) {
                row = out.readFromCopy();
                if (row != null) {
                    batch.add(row);
                    rows++;
                    if (rows % PROGRESS_EVERY == 0) {
                        progress.accept(rows);
                    }
                }
                if (batch.size() == BATCH_ROWS || (row == null && !batch.isEmpty())) {
                    List<byte[]> b = batch;
                    pending.add(workers.submit(() -> maskBatch(b, cols.size(), slot, maskedCount, masker)));
                    batch = new ArrayList<>(BATCH_ROWS);
                    while (pending.size() > inFlight) {
                        os.write(pending.poll().get());
                    }
                }
                if (row == null) {
                    break;
                }
            }
            while (!pending.isEmpty()) {
                os.write(pending.poll().get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("masking interrupted", e);
        } catch (ExecutionException e) {
            pending.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new SQLException("masking a batch of " + table.path() + " failed", e.getCause());
        } finally {
            if (out.isActive()) {
                out.cancelCopy();
            }
        }
        progress.accept(rows);
        return rows;
    }

    private static byte[] maskBatch(List<byte[]> rows, int n, int[] slot, int maskedCount, RowMasker masker) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 128);
        String[] values = new String[maskedCount];
        for (byte[] row : rows) {
            int[] b = CopyText.split(row, n);
            for (int i = 0; i < n; i++) {
                if (slot[i] >= 0) {
                    values[slot[i]] = CopyText.decode(row, b[i], b[n + i]);
                }
            }
            masker.mask(values);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.write('\t');
                }
                if (slot[i] >= 0) {
                    CopyText.encode(values[slot[i]], out);
                } else {
                    out.write(row, b[i], b[n + i] - b[i]);
                }
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static CopyManager copy(Connection c) throws SQLException {
        return c.unwrap(PGConnection.class).getCopyAPI();
    }
}
