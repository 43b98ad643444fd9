package dev.petri.engine.postgres;

import dev.petri.engine.CopyProgress;
import dev.petri.engine.EngineException;
import dev.petri.engine.SourceConnection;
import dev.petri.engine.StagedCopy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * Copies a live PostgreSQL source into a staging database from the source's own catalog: schemas,
 * enum, composite and domain types, functions, sequences, tables and rows (binary COPY streamed between the two servers, tables in
 * parallel, all from one exported snapshot); then, after masking, constraints, indexes, views and triggers.
 * The source is opened read only and never written.
 */
final class PostgresStagingCopier {

    private static final Logger LOG = Logger.getLogger(PostgresStagingCopier.class);
    private static final String USER_SCHEMAS =
            "n.nspname NOT IN ('pg_catalog','information_schema','pg_toast') AND n.nspname NOT LIKE 'pg_temp_%'"
                    + " AND n.nspname NOT LIKE 'pg_toast_temp_%'";
    /** Types that belong to an extension come with {@code CREATE EXTENSION}. */
    private static final String NOT_EXTENSION = "NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_type'::regclass"
            + " AND x.objid = t.oid AND x.deptype = 'e')";
    private static final int PARALLEL_TABLES = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final PostgresEngine engine;
    private final SourceConnection source;
    private final String staging;

    PostgresStagingCopier(PostgresEngine engine, SourceConnection source, String staging) {
        this.engine = engine;
        this.source = source;
        this.staging = staging;
    }

    static Connection openSource(SourceConnection source) {
        Properties props = new Properties();
        props.setProperty("user", source.username());
        if (source.password() != null) {
            props.setProperty("password", source.password());
        }
        props.setProperty("ApplicationName", "petri-masking (read only)");
        props.setProperty("readOnly", "true");
        // as pg_dump does: a table whose rows row-level security would hide fails the copy instead of arriving half empty
        props.setProperty("options", "-c row_security=off");
        props.setProperty("connectTimeout", "10");
        try {
            Connection c = DriverManager.getConnection(source.jdbcUrl(), props);
            c.setReadOnly(true);
            return c;
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.equals("28P01") || state.equals("28000")) {
                throw new EngineException("source-authentication",
                        "the source rejected the credentials of user '" + source.username() + "'", e);
            }
            if (state.startsWith("08")) {
                throw new EngineException("source-unreachable", "the source " + safeUrl(source.jdbcUrl())
                        + " cannot be reached", e);
            }
            if (state.equals("3D000")) {
                throw new EngineException("source-missing", "the source database of " + safeUrl(source.jdbcUrl())
                        + " does not exist", e);
            }
            throw new EngineException("source", "cannot open the source " + safeUrl(source.jdbcUrl()) + ": "
                    + e.getMessage(), e);
        }
    }

    /** A JDBC URL without its query string, where passwords may hide. */
    static String safeUrl(String url) {
        int q = url == null ? -1 : url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    StagedCopy copySchemaAndRows(CopyProgress progress) {
        try (Connection src = openSource(source)) {
            src.setAutoCommit(false);
            try (Statement st = src.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            Instant sourceTime;
            String snapshot;
            try (Statement st = src.createStatement();
                 ResultSet rs = st.executeQuery("SELECT now(), pg_export_snapshot()")) {
                rs.next();
                Timestamp ts = rs.getTimestamp(1);
                sourceTime = ts.toInstant();
                snapshot = rs.getString(2);
            }
            List<TableDef> tables = readTables(src);
            try (Connection dst = engine.connect(staging); Statement st = dst.createStatement()) {
                Set<String> collations = new HashSet<>();
                query(dst, "SELECT collname FROM pg_collation WHERE collnamespace = 'pg_catalog'::regnamespace"
                        + " AND collencoding IN (-1, pg_char_to_encoding(current_setting('server_encoding')))",
                        rs -> collations.add(rs.getString(1)));
                tables.forEach(t -> t.columns.replaceAll(c -> c.collation() == null || collations.contains(c.collation())
                        ? c : c.withoutCollation()));
                st.execute("SET ROLE " + PostgresEngine.OBJECT_OWNER);
                for (String ddl : schemaDdl(src)) {
                    st.execute(ddl);
                }
                executeInDependencyOrder(st, typeDdl(src));
                // functions before the tables whose defaults, checks and generated columns call them; bodies are
                // checked when they run (as pg_restore does), and one that needs a table is tried again after it
                st.execute("SET check_function_bodies = off");
                List<String> functions = functionDdl(src);
                List<String> rest = new ArrayList<>(tables.stream().map(TableDef::createSql).toList());
                rest.addAll(partitionDdl(src)); // after their parents, a round later where a parent comes after

                rest.addAll(inRounds(st, functions).pending());
                Rounds tablesAndFunctions = inRounds(st, rest);
                for (String sql : tablesAndFunctions.pending()) {
                    if (!functions.contains(sql)) {
                        st.execute(sql); // fails with the table's own error
                        continue;
                    }
                    // a function nothing staged needs, e.g. in a language only a superuser may use
                    LOG.warnf("a function of the source cannot be created in staging and is left out: %s (%s)",
                            sql.lines().findFirst().orElse(sql), tablesAndFunctions.last().getMessage());
                }
            }
            long rows = copyRows(tables, snapshot, progress);
            emptyLargeObjects(src);
            src.commit();
            return new StagedCopy(staging, sourceTime, tables.size(), rows);
        } catch (SQLException e) {
            throw new EngineException("staging", "copying the source into staging failed: "
                    + PostgresEngine.redact(e.getMessage()), e);
        }
    }

    /**
     * Large objects hold documents and images that no rule can mask inside: each one of the source is
     * staged empty under its own id, so the columns that refer to it still do, and none of its content
     * ever reaches staging (a restored backup's are emptied by the masking run).
     */
    private void emptyLargeObjects(Connection src) throws SQLException {
        List<Long> ids = new ArrayList<>();
        query(src, "SELECT oid::bigint FROM pg_largeobject_metadata ORDER BY 1", rs -> ids.add(rs.getLong(1)));
        if (ids.isEmpty()) {
            return;
        }
        try (Connection dst = engine.connect(staging); Statement st = dst.createStatement();
             PreparedStatement create = dst.prepareStatement("SELECT count(lo_create(id::oid)) FROM unnest(?::bigint[]) id")) {
            st.execute("SET ROLE " + PostgresEngine.OBJECT_OWNER);
            create.setArray(1, dst.createArrayOf("bigint", ids.toArray()));
            create.execute();
        }
        LOG.infof("staged %d large objects of the source empty", ids.size());
    }

    /** Schemas, enum types and sequences, in an order that satisfies their dependencies. */
    private List<String> schemaDdl(Connection src) throws SQLException {
        List<String> ddl = new ArrayList<>();
        query(src, "SELECT quote_ident(n.nspname) FROM pg_namespace n WHERE " + USER_SCHEMAS
                + " AND n.nspname <> 'public' ORDER BY 1", rs -> ddl.add("CREATE SCHEMA IF NOT EXISTS " + rs.getString(1)));
        query(src, "SELECT format('%I', e.extname) FROM pg_extension e WHERE e.extname <> 'plpgsql' ORDER BY 1",
                rs -> ddl.add("RESET ROLE; CREATE EXTENSION IF NOT EXISTS " + rs.getString(1) + "; SET ROLE "
                        + PostgresEngine.OBJECT_OWNER));
        query(src, "SELECT format('%I.%I', n.nspname, t.typname),"
                        + " string_agg(quote_literal(e.enumlabel), ',' ORDER BY e.enumsortorder)"
                        + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                        + " JOIN pg_enum e ON e.enumtypid = t.oid WHERE " + USER_SCHEMAS + " AND " + NOT_EXTENSION
                        + " GROUP BY 1 ORDER BY 1",
                rs -> ddl.add("CREATE TYPE " + rs.getString(1) + " AS ENUM (" + rs.getString(2) + ")"));
        query(src, "SELECT format('%I.%I', n.nspname, c.relname), format_type(s.seqtypid, NULL), s.seqstart,"
                        + " s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " JOIN pg_sequence s ON s.seqrelid = c.oid"
                        + " WHERE c.relkind = 'S' AND " + USER_SCHEMAS
                        + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'i')"
                        + " ORDER BY 1",
                rs -> ddl.add("CREATE SEQUENCE " + rs.getString(1) + " AS " + rs.getString(2) + " START "
                        + rs.getLong(3) + " INCREMENT " + rs.getLong(4) + " MINVALUE " + rs.getLong(5) + " MAXVALUE "
                        + rs.getLong(6) + " CACHE " + rs.getLong(7) + (rs.getBoolean(8) ? " CYCLE" : "")));
        return ddl;
    }

    /**
     * Composite types and domains, oldest first (a type is usually older than the types built on it;
     * {@link #executeInDependencyOrder} settles the rest). Domains get their base type and default
     * here, their NOT NULL and CHECK constraints after masking, like the tables' constraints, so a
     * masked value is checked by {@code verifyConstraints} rather than refused half-way through a reload.
     */
    private List<String> typeDdl(Connection src) throws SQLException {
        List<String> ddl = new ArrayList<>();
        query(src, "SELECT CASE t.typtype WHEN 'c' THEN format('CREATE TYPE %I.%I AS (%s)', n.nspname, t.typname,"
                        + "   (SELECT string_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod)), ', '"
                        + "     ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0"
                        + "     AND NOT a.attisdropped))"
                        + " ELSE format('CREATE DOMAIN %I.%I AS %s', n.nspname, t.typname, format_type(t.typbasetype,"
                        + "   t.typtypmod)) || coalesce(' DEFAULT ' || t.typdefault, '') END"
                        + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                        + " LEFT JOIN pg_class c ON c.oid = t.typrelid"
                        + " WHERE (t.typtype = 'd' OR (t.typtype = 'c' AND c.relkind = 'c')) AND " + USER_SCHEMAS
                        + " AND " + NOT_EXTENSION + " ORDER BY t.oid",
                rs -> ddl.add(rs.getString(1)));
        return ddl;
    }

    /**
     * The source's own functions, procedures and (plain) aggregates, not those of extensions, oldest
     * first: an aggregate after the functions it is built from.
     */
    private List<String> functionDdl(Connection src) throws SQLException {
        List<String> ddl = new ArrayList<>();
        String own = USER_SCHEMAS + " AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_proc'::regclass"
                + " AND x.objid = p.oid AND x.deptype = 'e')";
        query(src, "SELECT pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                        + " WHERE p.prokind IN ('f', 'p') AND " + own + " ORDER BY p.oid",
                rs -> ddl.add(rs.getString(1)));
        query(src, "SELECT format('CREATE AGGREGATE %I.%I (%s) (SFUNC = %s, STYPE = %s', n.nspname, p.proname,"
                        + " pg_get_function_identity_arguments(p.oid), a.aggtransfn::regproc::text,"
                        + " format_type(a.aggtranstype, NULL))"
                        + " || CASE WHEN a.aggfinalfn <> 0 THEN ', FINALFUNC = ' || a.aggfinalfn::regproc::text ELSE '' END"
                        + " || CASE WHEN a.aggcombinefn <> 0 THEN ', COMBINEFUNC = ' || a.aggcombinefn::regproc::text ELSE '' END"
                        + " || CASE WHEN a.agginitval IS NOT NULL THEN ', INITCOND = ' || quote_literal(a.agginitval) ELSE '' END"
                        + " || coalesce((SELECT format(', SORTOP = OPERATOR(%I.%s)', opn.nspname, o.oprname) FROM pg_operator o"
                        + "   JOIN pg_namespace opn ON opn.oid = o.oprnamespace WHERE o.oid = a.aggsortop), '') || ')'"
                        + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_aggregate a ON a.aggfnoid = p.oid"
                        + " WHERE p.prokind = 'a' AND a.aggkind = 'n' AND " + own + " ORDER BY p.oid",
                rs -> ddl.add(rs.getString(1)));
        return ddl;
    }

    /**
     * Runs statements that may depend on one another, in rounds: whatever failed is tried again once
     * something else has succeeded; fails with the last error when a round makes no progress.
     */
    private static void executeInDependencyOrder(Statement st, List<String> statements) throws SQLException {
        Rounds r = inRounds(st, statements);
        if (!r.pending().isEmpty()) {
            throw r.last();
        }
    }

    /** What {@link #inRounds} could not run, and the last error it met. */
    private record Rounds(List<String> pending, SQLException last) {
    }

    /** Runs statements in rounds until all have run or a round runs none; returns what is left. */
    private static Rounds inRounds(Statement st, List<String> statements) {
        List<String> pending = new ArrayList<>(statements);
        SQLException last = null;
        while (!pending.isEmpty()) {
            List<String> failed = new ArrayList<>();
            for (String sql : pending) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    failed.add(sql);
                    last = e;
                }
            }
            if (failed.size() == pending.size()) {
                break;
            }
            pending = failed;
        }
        return new Rounds(pending, last);
    }

    private List<TableDef> readTables(Connection src) throws SQLException {
        List<String> unreadable = new ArrayList<>();
        query(src, "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r','p') AND NOT c.relispartition"
                + " AND NOT (has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT'))"
                + " AND " + USER_SCHEMAS + " ORDER BY 1", rs -> unreadable.add(rs.getString(1)));
        if (!unreadable.isEmpty()) {
            throw new EngineException("source-permission", "the source user '" + source.username() + "' cannot read "
                    + unreadable.size() + " table(s): " + String.join(", ", unreadable.subList(0, Math.min(10,
                    unreadable.size()))) + (unreadable.size() > 10 ? ", …" : "") + "; grant it SELECT on them, or the"
                    + " role pg_read_all_data");
        }
        Map<Long, TableDef> tables = new LinkedHashMap<>();
        query(src, "SELECT c.oid, format('%I.%I', n.nspname, c.relname), c.reltuples::bigint,"
                        + " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,"
                        + " (SELECT coalesce(sum(greatest(d.reltuples, 0)), 0)::bigint FROM pg_partition_tree(c.oid) t"
                        + "   JOIN pg_class d ON d.oid = t.relid WHERE t.isleaf)"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r','p') AND NOT c.relispartition AND " + USER_SCHEMAS
                        + " ORDER BY n.nspname, c.relname",
                rs -> tables.put(rs.getLong(1), new TableDef(rs.getString(2), rs.getString(4) == null
                        ? Math.max(0, rs.getLong(3)) : rs.getLong(5), rs.getString(4))));
        query(src, "SELECT a.attrelid, quote_ident(a.attname), format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                        + " pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,"
                        + " (SELECT co.collname FROM pg_collation co WHERE co.oid = a.attcollation"
                        + "   AND co.collnamespace = 'pg_catalog'::regnamespace AND a.attcollation <> ty.typcollation)"
                        + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type ty ON ty.oid = a.atttypid"
                        + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                        + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r','p')"
                        + " AND NOT c.relispartition AND " + USER_SCHEMAS + " ORDER BY a.attrelid, a.attnum",
                rs -> {
                    TableDef t = tables.get(rs.getLong(1));
                    if (t != null) {
                        t.columns.add(new ColumnDef(rs.getString(2), rs.getString(3), rs.getBoolean(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                    }
                });
        return new ArrayList<>(tables.values());
    }

    /**
     * The partitions of partitioned tables, each attached to its parent with its bounds (and partitioned again
     * where it is): staged as the source has them, so that migrations adding or detaching partitions run on
     * environments as they do in production. Rows are copied through the top-level table.
     */
    private List<String> partitionDdl(Connection src) throws SQLException {
        List<String> ddl = new ArrayList<>();
        query(src, "SELECT format('CREATE TABLE %I.%I PARTITION OF %I.%I %s', n.nspname, c.relname, pn.nspname,"
                        + " p.relname, pg_get_expr(c.relpartbound, c.oid))"
                        + " || CASE WHEN c.relkind = 'p' THEN ' PARTITION BY ' || pg_get_partkeydef(c.oid) ELSE '' END"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class p ON p.oid = i.inhparent"
                        + " JOIN pg_namespace pn ON pn.oid = p.relnamespace"
                        + " WHERE c.relispartition AND c.relkind IN ('r','p') AND " + USER_SCHEMAS + " ORDER BY c.oid",
                rs -> ddl.add(rs.getString(1)));
        return ddl;
    }

    private long copyRows(List<TableDef> tables, String snapshot, CopyProgress progress) {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_TABLES, r -> {
            Thread t = new Thread(r, "petri-staging-copy");
            t.setDaemon(true);
            return t;
        });
        // each worker copies table after table on one pair of connections (its source transaction imports the
        // snapshot once): logging in twice per table cost more than copying a small table
        for (TableDef table : tables) { // every table counts toward the phase's progress from its start
            progress.tableProgress(table.name, 0, table.estimatedRows);
        }
        Queue<TableDef> queue = new ConcurrentLinkedQueue<>(tables.stream()
                .sorted((a, b) -> Long.compare(b.estimatedRows, a.estimatedRows)).toList());
        AtomicBoolean failed = new AtomicBoolean();
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int w = 0; w < Math.min(PARALLEL_TABLES, Math.max(1, tables.size())); w++) {
                futures.add(pool.submit(() -> {
                    try {
                        return copyTables(queue, failed, snapshot, progress);
                    } catch (RuntimeException | SQLException e) {
                        failed.set(true);
                        throw e;
                    }
                }));
            }
            long rows = 0;
            for (Future<Long> f : futures) {
                rows += f.get();
            }
            return rows;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof EngineException ee) {
                throw ee;
            }
            if (cause instanceof SQLException sql && "42501".equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains("row-level security")) {
                throw new EngineException("source-permission", "the source user '" + source.username() + "' cannot read"
                        + " every row of a table with row-level security (it needs BYPASSRLS or to own the table): "
                        + PostgresEngine.redact(sql.getMessage()), sql);
            }
            throw new EngineException("staging", "copying rows failed: " + PostgresEngine.redact(cause.getMessage()),
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("staging", "copy interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Copies tables from the queue until it is empty or another worker has failed; returns the rows copied. */
    private long copyTables(Queue<TableDef> queue, AtomicBoolean failed,
                            String snapshot, CopyProgress progress) throws SQLException {
        try (Connection src = openSource(source); Connection dst = engine.connect(staging)) {
            src.setAutoCommit(false);
            try (Statement st = src.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                st.execute("SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "") + "'");
            }
            long rows = 0;
            TableDef table;
            while (!failed.get() && (table = queue.poll()) != null) {
                rows += copyTable(table, src, dst, progress);
            }
            src.commit();
            return rows;
        }
    }

    private static long copyTable(TableDef table, Connection src, Connection dst, CopyProgress progress) throws SQLException {
        String columns = String.join(", ", table.copyColumns());
        if (columns.isEmpty()) {
            return 0;
        }
        CopyOut out = src.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("COPY (SELECT " + columns + " FROM " + (table.partitioned() ? "" : "ONLY ") + table.name
                        + ") TO STDOUT (FORMAT binary)");
        CopyIn in = dst.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table.name + " (" + columns + ") FROM STDIN (FORMAT binary)");
        byte[] chunk;
        long lastReport = System.nanoTime();
        try {
            while ((chunk = out.readFromCopy()) != null) {
                in.writeToCopy(chunk, 0, chunk.length);
                if (System.nanoTime() - lastReport > 1_000_000_000L) {
                    progress.tableProgress(table.name, out.getHandledRowCount(), table.estimatedRows);
                    lastReport = System.nanoTime();
                }
            }
            long rows = in.endCopy();
            progress.tableProgress(table.name, rows, rows);
            return rows;
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
            if (out.isActive()) {
                out.cancelCopy();
            }
        }
    }

    void buildConstraintsIndexesAndViews() {
        try (Connection src = openSource(source); Connection dst = engine.connect(staging);
             Statement st = dst.createStatement()) {
            src.setAutoCommit(false);
            try (Statement s = src.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            st.execute("SET ROLE " + PostgresEngine.OBJECT_OWNER);
            List<String> ddl = new ArrayList<>();
            String constraintQuery = "SELECT format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', n.nspname, c.relname,"
                    + " k.conname, pg_get_constraintdef(k.oid)) FROM pg_constraint k"
                    + " JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    // a constraint a partition inherits comes with its parent's (conislocal is false); its own are added
                    + " WHERE k.contype IN (TYPES) AND k.conislocal AND " + USER_SCHEMAS
                    + " ORDER BY n.nspname, c.relname, k.conname";
            // inheritance first: a parent's CHECK constraints then reach its children as they do in the source
            query(src, "SELECT format('ALTER TABLE %I.%I INHERIT %I.%I', cn.nspname, c.relname, pn.nspname, p.relname)"
                    + " FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace"
                    + " JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace"
                    + " WHERE NOT c.relispartition AND p.relkind = 'r' AND cn.nspname IN (SELECT n.nspname FROM pg_namespace n"
                    + " WHERE " + USER_SCHEMAS + ") ORDER BY c.oid, i.inhseqno", rs -> ddl.add(rs.getString(1)));
            query(src, "SELECT format('ALTER DOMAIN %I.%I ADD CONSTRAINT %I %s', n.nspname, t.typname, k.conname,"
                    + " pg_get_constraintdef(k.oid)) FROM pg_constraint k JOIN pg_type t ON t.oid = k.contypid"
                    + " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE k.contype = 'c' AND " + USER_SCHEMAS
                    + " AND " + NOT_EXTENSION + " ORDER BY t.oid, k.conname", rs -> ddl.add(rs.getString(1)));
            query(src, "SELECT format('ALTER DOMAIN %I.%I SET NOT NULL', n.nspname, t.typname) FROM pg_type t"
                    + " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'd' AND t.typnotnull AND "
                    + USER_SCHEMAS + " AND " + NOT_EXTENSION + " ORDER BY t.oid", rs -> ddl.add(rs.getString(1)));
            query(src, constraintQuery.replace("TYPES", "'p','u','c','x'"), rs -> ddl.add(rs.getString(1)));
            // a partitioned table's index reads CREATE INDEX … ON ONLY (pg_dump attaches its partitions' indexes one
            // by one); without ONLY it is built on every partition, as the source has it
            query(src, "SELECT CASE WHEN c.relkind = 'p' THEN replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON ')"
                    + " ELSE pg_get_indexdef(i.indexrelid) END FROM pg_index i"
                    + " JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)"
                    // a partition's index attached to its parent's is built by the parent's; only its own are built here
                    + " AND NOT EXISTS (SELECT 1 FROM pg_inherits ih WHERE ih.inhrelid = i.indexrelid)"
                    + " AND c.relkind IN ('r','p') AND " + USER_SCHEMAS + " ORDER BY 1",
                    rs -> ddl.add(rs.getString(1)));
            query(src, constraintQuery.replace("TYPES", "'f'"), rs -> ddl.add(rs.getString(1)));
            query(src, "SELECT format('SELECT setval(%L, %s, true)', format('%I.%I', n.nspname, c.relname),"
                    + " s.last_value) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " JOIN pg_sequences s ON s.schemaname = n.nspname AND s.sequencename = c.relname"
                    + " WHERE c.relkind = 'S' AND s.last_value IS NOT NULL AND " + USER_SCHEMAS,
                    rs -> ddl.add(rs.getString(1)));
            // a sequence the source user may not read (a role granted SELECT on tables only) shows no value: one that
            // feeds a serial or identity column continues after the column's highest value, so a developer's
            // insert does not collide with a staged row
            query(src, "SELECT format('SELECT setval(%L, m) FROM (SELECT max(%I) AS m FROM %I.%I) x WHERE m IS NOT NULL',"
                    + " format('%I.%I', n.nspname, c.relname), a.attname, tn.nspname, t.relname)"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid"
                    + " AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')"
                    + " JOIN pg_class t ON t.oid = d.refobjid AND NOT t.relispartition"
                    + " JOIN pg_namespace tn ON tn.oid = t.relnamespace"
                    + " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid"
                    + " WHERE c.relkind = 'S' AND " + USER_SCHEMAS + " AND CASE WHEN c.relkind = 'S' THEN"
                    + " NOT has_sequence_privilege(c.oid, 'SELECT') AND NOT has_sequence_privilege(c.oid, 'USAGE') END",
                    rs -> ddl.add(rs.getString(1)));
            for (String sql : ddl) {
                st.execute(sql);
            }
            createViews(src, st);
            // triggers last, so none fires while masked rows are reloaded (pg_restore also adds them after the data)
            List<String> triggers = new ArrayList<>();
            query(src, "SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND t.tgparentid = 0"
                    + " AND NOT c.relispartition AND c.relkind IN ('r', 'p', 'v') AND " + USER_SCHEMAS
                    + " ORDER BY c.oid, t.tgname", rs -> triggers.add(rs.getString(1)));
            for (String sql : triggers) {
                st.execute(sql);
            }
            rowSecurity(src, st);
            // planner statistics of the masked rows, so every environment cloned from the image plans its
            // queries as production does from its first query (a restored backup is analyzed the same way);
            // run as the owner of every staged table
            st.execute("ANALYZE");
            src.commit();
        } catch (SQLException e) {
            throw new EngineException("staging", "building constraints, indexes and views failed: "
                    + PostgresEngine.redact(e.getMessage()), e);
        }
    }

    /**
     * Row-level security as the source has it: enabled (and forced) on the same tables, with the same
     * policies. A policy for roles this server does not have is left out, with a warning.
     */
    private void rowSecurity(Connection src, Statement st) throws SQLException {
        List<String> ddl = new ArrayList<>();
        query(src, "SELECT format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY', n.nspname, c.relname)"
                + " || CASE WHEN c.relforcerowsecurity THEN format('; ALTER TABLE %I.%I FORCE ROW LEVEL SECURITY',"
                + " n.nspname, c.relname) ELSE '' END FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relrowsecurity AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND " + USER_SCHEMAS
                + " ORDER BY c.oid", rs -> ddl.add(rs.getString(1)));
        for (String sql : ddl) {
            st.execute(sql);
        }
        List<String> policies = new ArrayList<>();
        query(src, "SELECT format('CREATE POLICY %I ON %I.%I AS %s FOR %s TO %s', p.polname, n.nspname, c.relname,"
                + " CASE WHEN p.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END,"
                + " CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE'"
                + " ELSE 'ALL' END, CASE WHEN p.polroles = '{0}' THEN 'PUBLIC' ELSE (SELECT string_agg(quote_ident(r.rolname),"
                + " ', ') FROM pg_roles r WHERE r.oid = ANY (p.polroles)) END)"
                + " || coalesce(' USING (' || pg_get_expr(p.polqual, p.polrelid) || ')', '')"
                + " || coalesce(' WITH CHECK (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')', '')"
                + " FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE NOT c.relispartition AND " + USER_SCHEMAS + " ORDER BY c.oid, p.polname",
                rs -> policies.add(rs.getString(1)));
        for (String sql : policies) {
            try {
                st.execute(sql);
            } catch (SQLException e) {
                LOG.warnf("a row-level security policy of the source is left out: %s (%s)", sql, e.getMessage());
            }
        }
    }

    /** Views and materialized views, retried until their dependencies exist. */
    private void createViews(Connection src, Statement st) throws SQLException {
        List<String> pending = new ArrayList<>();
        query(src, "SELECT c.relkind, format('%I.%I', n.nspname, c.relname), pg_get_viewdef(c.oid)"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('v','m') AND " + USER_SCHEMAS + " ORDER BY c.oid",
                rs -> pending.add(("m".equals(rs.getString(1)) ? "CREATE MATERIALIZED VIEW " : "CREATE VIEW ")
                        + rs.getString(2) + " AS " + rs.getString(3)));
        executeInDependencyOrder(st, pending);
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, RowHandler handler) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                handler.row(rs);
            }
        }
    }

    /**
     * A column as the source declares it; {@code collation} is a built-in collation other than its type's
     * ({@code "C"} for codes that sort byte by byte), kept only when the staging host has it too (a
     * collation the source defined itself is not copied, and its columns get their type's).
     */
    private record ColumnDef(String name, String type, boolean notNull, String defaultExpr, String identity,
                             String generated, String collation) {

        String ddl() {
            StringBuilder sb = new StringBuilder(name).append(' ').append(type);
            if (collation != null) {
                sb.append(" COLLATE pg_catalog.").append(quoteIdent(collation));
            }
            if ("s".equals(generated)) {
                sb.append(" GENERATED ALWAYS AS (").append(defaultExpr).append(") STORED");
            } else if ("a".equals(identity)) {
                sb.append(" GENERATED ALWAYS AS IDENTITY");
            } else if ("d".equals(identity)) {
                sb.append(" GENERATED BY DEFAULT AS IDENTITY");
            } else if (defaultExpr != null) {
                sb.append(" DEFAULT ").append(defaultExpr);
            }
            if (notNull) {
                sb.append(" NOT NULL");
            }
            return sb.toString();
        }

        ColumnDef withoutCollation() {
            return new ColumnDef(name, type, notNull, defaultExpr, identity, generated, null);
        }

        boolean copied() {
            return !"s".equals(generated) && !"v".equals(generated);
        }
    }

    private static String quoteIdent(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static final class TableDef {
        final String name;
        final long estimatedRows;
        /** A partitioned table's key ({@code RANGE (at)}), null for any other; its rows are copied through it. */
        final String partitionKey;
        final List<ColumnDef> columns = new ArrayList<>();

        TableDef(String name, long estimatedRows, String partitionKey) {
            this.name = name;
            this.estimatedRows = estimatedRows;
            this.partitionKey = partitionKey;
        }

        /** A partitioned table is read and written with its partitions; any other table holds its own rows only. */
        boolean partitioned() {
            return partitionKey != null;
        }

        String createSql() {
            return "CREATE TABLE " + name + " (" + String.join(", ", columns.stream().map(ColumnDef::ddl).toList())
                    + ")" + (partitioned() ? " PARTITION BY " + partitionKey : "");
        }

        List<String> copyColumns() {
            return columns.stream().filter(ColumnDef::copied).map(ColumnDef::name).toList();
        }
    }
}
