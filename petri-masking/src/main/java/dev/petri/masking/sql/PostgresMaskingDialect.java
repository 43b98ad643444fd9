package dev.petri.masking.sql;

import dev.petri.masking.catalog.Catalog;
import dev.petri.masking.catalog.ColumnInfo;
import dev.petri.masking.catalog.ConstraintInfo;
import dev.petri.masking.catalog.TableInfo;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
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
    private final boolean binaryCopy;

    /** A dialect that masks batches on a pool of worker threads. */
    public PostgresMaskingDialect(ExecutorService workers, int parallelism) {
        this(workers, parallelism, true);
    }

    /** A dialect that may use binary COPY for rewrites where it can ({@code binaryCopy}), or always text COPY. */
    PostgresMaskingDialect(ExecutorService workers, int parallelism, boolean binaryCopy) {
        this.workers = workers;
        this.inFlight = Math.max(2, parallelism * 2);
        this.binaryCopy = binaryCopy;
    }

    /** Large objects emptied per transaction: each one opened takes a lock until the transaction ends. */
    private static final int LARGE_OBJECT_BATCH = 1_000;

    @Override
    public long emptyLargeObjects(Connection staging) throws SQLException {
        boolean autoCommit = staging.getAutoCommit();
        staging.setAutoCommit(false);
        // a batch: truncated (lo_open's descriptors last until the end of the transaction; INV_WRITE = 0x20000),
        // then proven empty, then committed
        try (PreparedStatement empty = staging.prepareStatement("SELECT count(*), max(oid)::bigint, count(*) FILTER"
                + " (WHERE lo_truncate64(lo_open(oid, 131072), 0) <> 0) FROM (SELECT oid FROM pg_largeobject_metadata"
                + " WHERE oid > ?::bigint::oid ORDER BY oid LIMIT " + LARGE_OBJECT_BATCH + ") x");
             PreparedStatement check = staging.prepareStatement("SELECT count(*) FROM pg_largeobject_metadata"
                     + " WHERE oid > ?::bigint::oid AND oid <= ?::bigint::oid AND octet_length(lo_get(oid)) > 0")) {
            long total = 0;
            long after = 0; // no large object has oid 0
            while (true) {
                long count;
                long last;
                empty.setLong(1, after);
                try (ResultSet rs = empty.executeQuery()) {
                    rs.next();
                    count = rs.getLong(1);
                    last = rs.getLong(2);
                }
                if (count == 0) {
                    break;
                }
                check.setLong(1, after);
                check.setLong(2, last);
                try (ResultSet rs = check.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        throw new SQLException(rs.getLong(1) + " large objects still hold data after emptying");
                    }
                }
                staging.commit();
                total += count;
                after = last;
                if (count < LARGE_OBJECT_BATCH) {
                    break;
                }
            }
            return total;
        } catch (SQLException e) {
            staging.rollback();
            throw e;
        } finally {
            staging.setAutoCommit(autoCommit);
        }
    }

    @Override
    public String sessionReset() {
        return "DISCARD ALL";
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
                // a domain's column is described by the domain's base type (its values are the base type's)
                "WITH RECURSIVE domains(oid, base, mod) AS (SELECT oid, typbasetype, typtypmod FROM pg_type WHERE typtype = 'd'"
                        + " UNION ALL SELECT d.oid, t.typbasetype, t.typtypmod FROM domains d JOIN pg_type t ON t.oid = d.base"
                        + " WHERE t.typtype = 'd'),"
                        + " cols AS (SELECT a.*, coalesce(d.base, a.atttypid) AS typ, CASE WHEN d.oid IS NULL THEN a.atttypmod"
                        + " ELSE d.mod END AS mod FROM pg_attribute a LEFT JOIN domains d ON d.oid = a.atttypid"
                        + " AND NOT EXISTS (SELECT 1 FROM pg_type b WHERE b.oid = d.base AND b.typtype = 'd'))"
                        + " SELECT n.nspname, c.relname, a.attname, format_type(a.typ, a.mod),"
                        + " CASE WHEN a.typ IN (1042, 1043) AND a.mod > 4 THEN a.mod - 4 ELSE 0 END,"
                        + " a.attnotnull, a.attgenerated <> '', greatest(c.reltuples, 0)::bigint,"
                        + " (SELECT bt.typtype = 'c' OR bt.typname IN ('hstore', 'tsvector') OR EXISTS (SELECT 1 FROM pg_type et"
                        + "   WHERE et.oid = bt.typelem AND bt.typcategory = 'A'"
                        + "   AND (et.typtype = 'c' OR et.typname IN ('hstore', 'tsvector')))"
                        + "   FROM pg_type bt WHERE bt.oid = a.typ)"
                        + " FROM cols a JOIN pg_class c ON c.oid = a.attrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r','p') AND NOT c.relispartition"
                        + " AND " + USER_SCHEMAS + " ORDER BY n.nspname, c.relname, a.attnum")) {
            while (rs.next()) {
                String key = rs.getString(1) + "\u0000" + rs.getString(2);
                columns.computeIfAbsent(key, k -> new ArrayList<>()).add(new ColumnInfo(rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getBoolean(6),
                        rs.getBoolean(7), rs.getBoolean(9)));
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
                        // a domain's checks hold for every column of that domain (or of a domain over it): read on the column
                        + " UNION ALL"
                        + " SELECT x.nspname, x.relname, k.conname, 'c', ARRAY[x.attname::text], NULL, NULL, ARRAY[]::text[],"
                        + " regexp_replace(pg_get_expr(k.conbin, 0), '\\mVALUE\\M', quote_ident(x.attname), 'g')"
                        + " FROM (WITH RECURSIVE chain(typ, dom) AS (SELECT oid, oid FROM pg_type WHERE typtype = 'd'"
                        + "   UNION ALL SELECT ch.typ, t.typbasetype FROM chain ch JOIN pg_type t ON t.oid = ch.dom"
                        + "   JOIN pg_type b ON b.oid = t.typbasetype WHERE b.typtype = 'd')"
                        + "   SELECT n.nspname, c.relname, a.attname, ch.dom FROM pg_attribute a"
                        + "   JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + "   JOIN chain ch ON ch.typ = a.atttypid"
                        + "   WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r','p') AND NOT c.relispartition"
                        + "   AND " + USER_SCHEMAS + ") x"
                        + " JOIN pg_constraint k ON k.contypid = x.dom AND k.contype = 'c'"
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
        BoundedTasks tasks = new BoundedTasks(workers, inFlight, "reading " + table.path());
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
                    tasks.submit(() -> {
                        for (byte[] r : b) {
                            int[] bounds = CopyText.split(r, n);
                            String[] values = new String[n];
                            for (int i = 0; i < n; i++) {
                                values[i] = CopyText.decode(r, bounds[i], bounds[n + i]);
                            }
                            reader.row(values);
                        }
                    });
                    batch = new ArrayList<>(BATCH_ROWS);
                }
                if (row == null) {
                    break;
                }
            }
            tasks.awaitAll();
        } finally {
            if (out.isActive()) {
                out.cancelCopy();
            }
        }
    }

    /**
     * Rewrites a table in two steps. First its rows are copied out ({@code COPY … TO STDOUT}) into a
     * spool file encrypted under a key that lives only in memory for this rewrite, and the read
     * transaction ends, releasing its lock. Then, in one transaction, the table is truncated and
     * reloaded ({@code COPY … FROM STDIN (FREEZE)}) while the spooled rows are masked in parallel
     * chunks on the worker threads: masking and PostgreSQL's loading run at the same time, and the
     * reloaded rows are written frozen, so the scans that follow set no hint bits.
     */
    @Override
    public RewriteStats rewrite(Connection read, Connection write, TableInfo table, List<ColumnInfo> masked, RowMasker masker,
                        LongConsumer progress) throws SQLException {
        List<ColumnInfo> cols = written(table);
        int[] slot = slots(cols, masked);
        String list = columnList(cols);
        long started = System.nanoTime();
        boolean partitioned;
        try (Statement st = read.createStatement(); ResultSet rs = st.executeQuery("SELECT relkind = 'p' FROM pg_class"
                + " WHERE oid = '" + qualified(table).replace("'", "''") + "'::regclass")) {
            partitioned = rs.next() && rs.getBoolean(1);
        }
        Layout layout = layout(read, table, cols, slot, masked.size());
        String format = layout.binary() ? " (FORMAT binary)" : "";
        String copyOut = partitioned ? "COPY (SELECT " + list + " FROM " + qualified(table) + ") TO STDOUT" + format
                : "COPY " + qualified(table) + " (" + list + ") TO STDOUT" + format;
        try (Spool spool = Spool.create(); Reload reload = new Reload(write, table, list, partitioned, layout.binary())) {
            // the copy out runs on its own thread into the spool; masking reads the spool as it grows
            CompletableFuture<Long> spooled = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    try (OutputStream os = spool.output()) {
                        copy(read).copyOut(copyOut, os);
                    }
                    if (!read.getAutoCommit()) {
                        read.commit();
                    }
                    spooled.complete(System.nanoTime());
                } catch (Throwable e) {
                    spool.fail(e);
                    spooled.completeExceptionally(e);
                }
            }, "petri-mask-spool");
            reader.setDaemon(true);
            reader.start();
            try (InputStream is = spool.input()) {
                long rows = maskInto(is, reload, spooled, table, layout, masker, progress);
                reload.finish(spooled);
                long readDone = spooled.getNow(System.nanoTime());
                return new RewriteStats(rows, (readDone - started) / 1_000_000, (System.nanoTime() - readDone) / 1_000_000);
            } catch (SQLException | IOException | RuntimeException e) {
                // the read's own failure when it failed first (the masking then only saw the spool end), else this one
                Throwable cause = spooled.isCompletedExceptionally() ? spooledFailure(spooled) : e;
                spool.fail(e);
                join(reader);
                reload.abort();
                if (cause instanceof SQLException se) {
                    throw se;
                }
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new SQLException("rewriting " + table.path() + " failed", cause);
            } finally {
                join(reader);
            }
        }
    }

    private static List<ColumnInfo> written(TableInfo table) {
        return table.columns().stream().filter(c -> !c.generated()).toList();
    }

    private static int[] slots(List<ColumnInfo> cols, List<ColumnInfo> masked) {
        int[] slot = new int[cols.size()];
        Arrays.fill(slot, -1);
        for (int j = 0; j < masked.size(); j++) {
            slot[cols.indexOf(masked.get(j))] = j;
        }
        return slot;
    }

    /** Whether a rewrite of these masked columns of the table copies its rows in binary. */
    boolean copiesInBinary(Connection read, TableInfo table, List<ColumnInfo> masked) throws SQLException {
        List<ColumnInfo> cols = written(table);
        return layout(read, table, cols, slots(cols, masked), masked.size()).binary();
    }

    /** Object ids of the types whose binary form is their text's bytes, and of {@code jsonb} (a version byte first). */
    private static final int TEXT = 25;
    private static final int BPCHAR = 1042;
    private static final int VARCHAR = 1043;
    private static final int JSON = 114;
    private static final int JSONB = 3802;

    /**
     * How a table's rows are laid out in COPY: the column count, each column's slot among the masked
     * values (-1 when not masked), and whether binary COPY is used, with which masked columns are {@code jsonb}.
     */
    private record Layout(int columns, int[] slot, int maskedCount, boolean binary, boolean[] jsonb) {
    }

    /**
     * Binary COPY when every masked column is {@code text}, {@code varchar}, {@code char(n)}, {@code json}
     * or {@code jsonb} (binary forms written here exactly) and every other column has binary send and
     * receive functions (passed through as opaque bytes); text COPY otherwise.
     */
    private Layout layout(Connection read, TableInfo table, List<ColumnInfo> cols, int[] slot, int maskedCount)
            throws SQLException {
        Map<String, int[]> types = new HashMap<>();
        try (PreparedStatement ps = read.prepareStatement("SELECT a.attname, a.atttypid::int,"
                + " (t.typtype <> 'c' AND t.typsend::oid <> 0 AND t.typreceive::oid <> 0"
                + "  AND (e.oid IS NULL OR (e.typtype <> 'c' AND e.typsend::oid <> 0 AND e.typreceive::oid <> 0)))::int"
                + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type e ON e.oid = t.typelem"
                + " WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped")) {
            ps.setString(1, qualified(table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)});
                }
            }
        }
        boolean binary = binaryCopy;
        boolean[] jsonb = new boolean[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            int[] t = types.get(cols.get(i).name());
            if (t == null || t[1] == 0) {
                binary = false;
            } else if (slot[i] >= 0) {
                binary &= t[0] == TEXT || t[0] == VARCHAR || t[0] == BPCHAR || t[0] == JSON || t[0] == JSONB;
                jsonb[i] = t[0] == JSONB;
            }
        }
        return new Layout(cols.size(), slot, maskedCount, binary, jsonb);
    }

    private static Throwable spooledFailure(CompletableFuture<Long> spooled) {
        try {
            spooled.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Where masked rows go: into a temporary file while the source rows are still being read (the
     * read holds a lock that {@code TRUNCATE} would wait for), then, once the read has ended, in one
     * transaction: {@code TRUNCATE}, {@code COPY … FROM STDIN (FREEZE)} of what was buffered, and
     * every further chunk straight into the copy.
     */
    private final class Reload implements AutoCloseable {
        private final Connection write;
        private final TableInfo table;
        private final String list;
        private final boolean partitioned;
        private final boolean binary;
        private final boolean auto;
        private Path early;
        private OutputStream earlyOut;
        private CopyIn in;

        Reload(Connection write, TableInfo table, String list, boolean partitioned, boolean binary) throws SQLException {
            this.write = write;
            this.table = table;
            this.list = list;
            this.partitioned = partitioned;
            this.binary = binary;
            this.auto = write.getAutoCommit();
        }

        void write(MaskedChunk chunk, CompletableFuture<Long> spooled) throws SQLException, IOException {
            if (in == null && spooled.isDone() && !spooled.isCompletedExceptionally()) {
                start();
            }
            if (in != null) {
                in.writeToCopy(chunk.bytes(), 0, chunk.length());
                return;
            }
            if (earlyOut == null) {
                early = Files.createTempFile("petri-masked-", ".copy");
                earlyOut = new BufferedOutputStream(Files.newOutputStream(early), 1 << 16);
            }
            earlyOut.write(chunk.bytes(), 0, chunk.length());
        }

        private void start() throws SQLException, IOException {
            write.setAutoCommit(false);
            try (Statement st = write.createStatement()) {
                // ONLY: a parent table of an inheritance tree holds its own rows; its children are masked as tables of their own
                st.execute("TRUNCATE " + (partitioned ? "" : "ONLY ") + qualified(table));
            }
            List<String> options = new ArrayList<>();
            if (binary) {
                options.add("FORMAT binary");
            }
            if (!partitioned) {
                options.add("FREEZE");
            }
            in = copy(write).copyIn("COPY " + qualified(table) + " (" + list + ") FROM STDIN"
                    + (options.isEmpty() ? "" : " (" + String.join(", ", options) + ")"));
            if (binary) {
                in.writeToCopy(CopyBinary.HEADER, 0, CopyBinary.HEADER.length);
            }
            if (earlyOut != null) {
                earlyOut.close();
                earlyOut = null;
                byte[] buf = new byte[1 << 16];
                try (InputStream is = Files.newInputStream(early)) {
                    int r;
                    while ((r = is.read(buf)) > 0) {
                        in.writeToCopy(buf, 0, r);
                    }
                }
                Files.deleteIfExists(early);
            }
        }

        void finish(CompletableFuture<Long> spooled) throws SQLException, IOException {
            try {
                spooled.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("masking interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof SQLException se ? se : new SQLException("reading failed", e.getCause());
            }
            if (in == null) {
                start();
            }
            if (binary) {
                in.writeToCopy(CopyBinary.TRAILER, 0, CopyBinary.TRAILER.length);
            }
            in.endCopy();
            write.commit();
        }

        void abort() {
            try {
                if (in != null && in.isActive()) {
                    in.cancelCopy();
                }
            } catch (SQLException ignored) {
                // the rollback below ends the copy anyway
            }
            try {
                if (!write.getAutoCommit()) {
                    write.rollback();
                }
            } catch (SQLException ignored) {
                // the connection is closed by its owner; nothing was committed
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                if (earlyOut != null) {
                    earlyOut.close();
                }
                if (early != null) {
                    Files.deleteIfExists(early);
                }
            } catch (IOException ignored) {
                // a temp file of masked rows left behind is harmless
            } finally {
                write.setAutoCommit(auto);
            }
        }
    }

    /** Rows masked out of the spool, chunk by chunk on the workers, and fed to the copy in their order. */
    private long maskInto(InputStream spool, Reload reload, CompletableFuture<Long> spooled,
                          TableInfo table, Layout layout, RowMasker masker, LongConsumer progress)
            throws SQLException, IOException {
        ArrayDeque<Future<MaskedChunk>> pending = new ArrayDeque<>();
        long rows = 0;
        long reported = 0;
        boolean binary = layout.binary();
        if (binary) {
            CopyBinary.readHeader(spool);
        }
        try {
            byte[] carry = new byte[0];
            while (true) {
                byte[] buf = new byte[Math.max(CHUNK_BYTES, carry.length * 2)];
                System.arraycopy(carry, 0, buf, 0, carry.length);
                int len = carry.length;
                int r = 0;
                while (len < buf.length && (r = spool.read(buf, len, buf.length - len)) > 0) {
                    len += r;
                }
                boolean eof = r < 0 || len < buf.length;
                int cut;
                if (!binary) {
                    cut = eof ? len : lastNewline(buf, len);
                } else {
                    cut = CopyBinary.lastRowEnd(buf, len);
                    if (eof && !CopyBinary.isTrailer(buf, Math.max(cut, 0), len)) {
                        throw new IOException("the COPY binary stream of " + table.path() + " ended inside a row");
                    }
                    if (eof) {
                        len = Math.max(cut, 0);
                    }
                }
                if (cut < 0 && !eof) {
                    carry = Arrays.copyOf(buf, len);
                    continue;
                }
                carry = cut < 0 ? new byte[0] : Arrays.copyOfRange(buf, cut, len);
                if (cut > 0) {
                    byte[] chunk = buf;
                    int chunkLen = cut;
                    pending.add(workers.submit(() -> binary ? maskBinaryChunk(chunk, chunkLen, layout, masker)
                            : maskChunk(chunk, chunkLen, layout.columns(), layout.slot(), layout.maskedCount(), masker)));
                }
                while (pending.size() > inFlight || (eof && !pending.isEmpty())) {
                    MaskedChunk done = pending.poll().get();
                    reload.write(done, spooled);
                    rows += done.rows();
                    if (rows - reported >= PROGRESS_EVERY) {
                        progress.accept(rows);
                        reported = rows;
                    }
                }
                if (eof) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("masking interrupted", e);
        } catch (ExecutionException e) {
            pending.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new SQLException("masking a chunk of " + table.path() + " failed", e.getCause());
        } finally {
            pending.forEach(f -> f.cancel(true));
        }
        progress.accept(rows);
        return rows;
    }

    private static int lastNewline(byte[] buf, int len) {
        for (int i = len - 1; i >= 0; i--) {
            if (buf[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private record MaskedChunk(byte[] bytes, int length, int rows) {
    }

    /** A chunk of whole COPY text rows masked: masked columns decoded, masked and encoded; the others copied byte for byte. */
    private static MaskedChunk maskChunk(byte[] buf, int len, int n, int[] slot, int maskedCount, RowMasker masker) {
        CopyText.Output out = new CopyText.Output(len + len / 4 + 64);
        String[] values = new String[maskedCount];
        int[] b = new int[n * 2];
        int rows = 0;
        int start = 0;
        while (start < len) {
            int end = start;
            while (end < len && buf[end] != '\n') {
                end++;
            }
            CopyText.split(buf, start, end, b, n);
            for (int i = 0; i < n; i++) {
                if (slot[i] >= 0) {
                    values[slot[i]] = CopyText.decode(buf, b[i], b[n + i]);
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
                    out.write(buf, b[i], b[n + i] - b[i]);
                }
            }
            out.write('\n');
            rows++;
            start = end + 1;
        }
        return new MaskedChunk(out.buffer(), out.size(), rows);
    }

    /** A chunk of whole COPY binary rows masked: masked fields decoded, masked and encoded; the others copied byte for byte. */
    private static MaskedChunk maskBinaryChunk(byte[] buf, int len, Layout layout, RowMasker masker) {
        int n = layout.columns();
        int[] slot = layout.slot();
        boolean[] jsonb = layout.jsonb();
        CopyText.Output out = new CopyText.Output(len + len / 4 + 64);
        String[] values = new String[layout.maskedCount()];
        int[] at = new int[n];
        int rows = 0;
        int pos = 0;
        while (pos < len) {
            if (CopyBinary.int16(buf, pos) != n) {
                throw new IllegalStateException("a COPY binary row with " + CopyBinary.int16(buf, pos) + " fields, expected " + n);
            }
            int p = pos + 2;
            for (int i = 0; i < n; i++) {
                at[i] = p;
                int size = CopyBinary.int32(buf, p);
                if (slot[i] >= 0) {
                    values[slot[i]] = CopyBinary.decode(buf, p + 4, size, jsonb[i]);
                }
                p += 4 + Math.max(size, 0);
            }
            masker.mask(values);
            out.write(buf, pos, 2);
            for (int i = 0; i < n; i++) {
                if (slot[i] >= 0) {
                    CopyBinary.encode(values[slot[i]], jsonb[i], out);
                } else {
                    out.write(buf, at[i], 4 + Math.max(CopyBinary.int32(buf, at[i]), 0));
                }
            }
            rows++;
            pos = p;
        }
        return new MaskedChunk(out.buffer(), out.size(), rows);
    }

    /**
     * A temporary file of unmasked rows, encrypted (AES-CTR) under a random key held only in memory,
     * so no plaintext copy of the staged data is left on the masking host's disk; deleted on close.
     * One thread writes it while another reads what has been written so far.
     */
    private static final class Spool implements AutoCloseable {
        private final Path file;
        private final javax.crypto.SecretKey key;
        private final byte[] iv = new byte[16];
        private final Object lock = new Object();
        private long written;
        private boolean closed;
        private Throwable failure;

        private Spool(Path file) {
            this.file = file;
            try {
                javax.crypto.KeyGenerator gen = javax.crypto.KeyGenerator.getInstance("AES");
                gen.init(128, RANDOM);
                this.key = gen.generateKey();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("AES is not available", e);
            }
            RANDOM.nextBytes(iv);
        }

        static Spool create() {
            try {
                return new Spool(Files.createTempFile("petri-spool-", ".bin"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private javax.crypto.Cipher cipher(int mode) {
            try {
                javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/CTR/NoPadding");
                c.init(mode, key, new javax.crypto.spec.IvParameterSpec(iv));
                return c;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("AES/CTR is not available", e);
            }
        }

        /** Ends the spool with a failure: the reader gets it, the writer's next write fails. */
        void fail(Throwable e) {
            synchronized (lock) {
                if (failure == null) {
                    failure = e;
                }
                closed = true;
                lock.notifyAll();
            }
        }

        private void published(long bytes, boolean end) throws IOException {
            synchronized (lock) {
                if (failure != null) {
                    throw new IOException("spooling stopped", failure);
                }
                written += bytes;
                closed |= end;
                lock.notifyAll();
            }
        }

        /** Writes through the cipher in large blocks (the JDK's cipher streams work in 512-byte steps). */
        OutputStream output() throws IOException {
            javax.crypto.Cipher cipher = cipher(javax.crypto.Cipher.ENCRYPT_MODE);
            OutputStream sink = Files.newOutputStream(file);
            return new OutputStream() {
                private final byte[] plain = new byte[1 << 16];
                private final byte[] sealed = new byte[1 << 16];
                private int n;

                @Override
                public void write(int b) throws IOException {
                    if (n == plain.length) {
                        flushBlock(false);
                    }
                    plain[n++] = (byte) b;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    while (len > 0) {
                        if (n == plain.length) {
                            flushBlock(false);
                        }
                        int k = Math.min(len, plain.length - n);
                        System.arraycopy(b, off, plain, n, k);
                        n += k;
                        off += k;
                        len -= k;
                    }
                }

                private void flushBlock(boolean end) throws IOException {
                    int k;
                    try {
                        k = cipher.update(plain, 0, n, sealed, 0);
                    } catch (javax.crypto.ShortBufferException e) {
                        throw new IllegalStateException(e);
                    }
                    sink.write(sealed, 0, k);
                    n = 0;
                    published(k, end);
                }

                @Override
                public void close() throws IOException {
                    try {
                        flushBlock(true);
                    } finally {
                        sink.close();
                    }
                }
            };
        }

        /** Reads back through the cipher in large blocks, waiting for the writer where it is behind. */
        InputStream input() throws IOException {
            javax.crypto.Cipher cipher = cipher(javax.crypto.Cipher.DECRYPT_MODE);
            InputStream source = Files.newInputStream(file);
            return new InputStream() {
                private final byte[] sealed = new byte[1 << 16];
                private long position;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (len == 0) {
                        return 0;
                    }
                    long available;
                    synchronized (lock) {
                        while (position == written && !closed) {
                            try {
                                lock.wait();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new InterruptedIOException("reading the spool interrupted");
                            }
                        }
                        if (failure != null) {
                            throw new IOException("spooling failed", failure);
                        }
                        available = written - position;
                    }
                    if (available == 0) {
                        return -1;
                    }
                    int r = source.read(sealed, 0, (int) Math.min(Math.min(len, sealed.length), available));
                    if (r <= 0) {
                        throw new IOException("the spool file ended early");
                    }
                    position += r;
                    try {
                        return cipher.update(sealed, 0, r, b, off);
                    } catch (javax.crypto.ShortBufferException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public void close() throws IOException {
                    source.close();
                }
            };
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // an encrypted spool left behind is unreadable without its key, which is gone
            }
        }
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private static final int CHUNK_BYTES = 1 << 19;

    private static CopyManager copy(Connection c) throws SQLException {
        return c.unwrap(PGConnection.class).getCopyAPI();
    }
}
