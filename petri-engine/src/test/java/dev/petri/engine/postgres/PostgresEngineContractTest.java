package dev.petri.engine.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.petri.devstack.DemoDatabase;
import dev.petri.devstack.DevStack;
import dev.petri.engine.CopyProgress;
import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.DatabaseEngineContract;
import dev.petri.engine.DbNames;
import dev.petri.engine.EngineException;
import dev.petri.engine.EngineHost;
import dev.petri.engine.SourceConnection;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine contract against a real PostgreSQL 18 server. */
class PostgresEngineContractTest extends DatabaseEngineContract {

    private static PostgresEngine engine;
    private static SourceConnection source;

    @BeforeAll
    static void startServer() throws SQLException {
        DevStack stack = DevStack.shared();
        var pg = stack.postgres();
        engine = new PostgresEngine(new EngineHost("local", "postgres", pg.jdbcUrl("postgres"), "postgres",
                pg.password(), "127.0.0.1", pg.port(), 100));
        pg.createDatabase("contract_source");
        try (Connection c = pg.connect("contract_source"); Statement st = c.createStatement()) {
            DemoDatabase.create(c, 300, 7);
            st.execute("CREATE ROLE contract_reader LOGIN PASSWORD 'reader-pass'");
            st.execute("GRANT CONNECT ON DATABASE contract_source TO contract_reader");
            st.execute("GRANT USAGE ON SCHEMA public, crm TO contract_reader");
            st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public, crm TO contract_reader");
            st.execute("GRANT SELECT ON ALL SEQUENCES IN SCHEMA public, crm TO contract_reader");
        }
        source = new SourceConnection(pg.jdbcUrl("contract_source"), "contract_reader", "reader-pass");
    }

    @Test
    void aRandomPasswordIsStoredWithFewScramIterationsAndAChosenOneWithTheServerDefault() throws Exception {
        String suffix = unique();
        String db = DbNames.member(suffix);
        String fast = DbNames.login(suffix);
        String chosen = DbNames.login("c" + suffix);
        try {
            engine.createPrivateDatabase(db);
            engine.createOwnerLoginWithRandomPassword(db, fast, "Rand0m" + suffix + "Abcdefghijkmn");
            engine.createOwnerLogin(db, chosen, "Chosen" + suffix);
            try (Connection c = engine.connect("postgres"); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT rolname, split_part(rolpassword, ':', 1) FROM pg_authid"
                         + " WHERE rolname IN ('" + fast + "', '" + chosen + "') ORDER BY rolname = '" + fast + "'")) {
                rs.next();
                assertEquals("SCRAM-SHA-256$4096", rs.getString(2), "a chosen password");
                rs.next();
                assertEquals("SCRAM-SHA-256$" + ScramVerifier.RANDOM_PASSWORD_ITERATIONS,
                        rs.getString(2), "a random password");
            }
            assertThrows(IllegalArgumentException.class,
                    () -> engine.createOwnerLoginWithRandomPassword(db, fast, "Short" + suffix),
                    "a password shorter than 24 characters is not taken as random");
        } finally {
            engine.dropDatabase(db);
            engine.dropLogin(fast);
            engine.dropLogin(chosen);
        }
    }

    @Test
    void restoresAPlainSqlBackupIntoAPrivateDatabaseOwnedByTheObjectOwner() throws Exception {
        assumePsql();
        Path dump = Files.createTempFile("backup", ".sql");
        Files.writeString(dump, "CREATE TABLE people (id int PRIMARY KEY, email text UNIQUE);\n"
                + "INSERT INTO people VALUES (1, 'ann@example.org'), (2, 'bob@example.org');\n"
                + "CREATE VIEW people_count AS SELECT count(*) AS n FROM people;\n");
        String db = DbNames.restore("backup" + unique(), 1);
        try {
            var copy = engine.stageFromBackup(dump.toString(), db);
            assertEquals(1, copy.tables());
            try (Connection c = engine.connect(db); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT n, (SELECT tableowner FROM pg_tables"
                         + " WHERE tablename = 'people') FROM people_count")) {
                rs.next();
                assertEquals(2, rs.getInt(1));
                assertEquals(PostgresEngine.OBJECT_OWNER, rs.getString(2));
            }
        } finally {
            engine.dropDatabase(db);
            Files.delete(dump);
        }
    }

    @Test
    void restoresAProductionDumpThatNamesItsOwnersGrantsAndAnExtensionOnlyASuperuserMayCreate() throws Exception {
        assumePsql();
        // what `pg_dump prod > prod.sql` writes: owners and grants of roles this host does not have, an
        // untrusted extension (dblink) in a schema of its own, its comment, data, a psql meta-command
        Path dump = Files.createTempFile("prod", ".sql");
        Files.writeString(dump, """
                SET client_encoding = 'UTF8';
                SET standard_conforming_strings = on;
                CREATE SCHEMA extensions;
                ALTER SCHEMA extensions OWNER TO prod_admin;
                CREATE EXTENSION IF NOT EXISTS dblink WITH SCHEMA extensions;
                COMMENT ON EXTENSION dblink IS 'connect to other PostgreSQL databases from within a database';
                CREATE TABLE public.people (
                    id integer NOT NULL,
                    email text
                );
                ALTER TABLE public.people OWNER TO app_owner;
                COPY public.people (id, email) FROM stdin;
                1\tann@example.org
                2\tbob@example.org
                \\.
                GRANT SELECT ON TABLE public.people TO reporting;
                REVOKE ALL ON SCHEMA public FROM PUBLIC;
                """);
        String db = DbNames.restore("prod" + unique(), 1);
        try {
            var copy = engine.stageFromBackup(dump.toString(), db);
            assertEquals(1, copy.tables());
            try (Connection c = engine.connect(db); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM public.people),"
                         + " (SELECT tableowner FROM pg_tables WHERE tablename = 'people'),"
                         + " (SELECT count(*) FROM pg_extension WHERE extname = 'dblink')")) {
                rs.next();
                assertEquals(2, rs.getInt(1));
                assertEquals(PostgresEngine.OBJECT_OWNER, rs.getString(2), "objects belong to Petri's object owner");
                assertEquals(1, rs.getInt(3), "the extension was created");
            }
        } finally {
            engine.dropDatabase(db);
            Files.delete(dump);
        }
    }

    @Test
    void refusesAnEmptyACompressedOrATablelessBackupAndLeavesNoDatabase() throws Exception {
        assumePsql();
        Path empty = Files.createTempFile("empty", ".sql");
        Path gzip = Files.createTempFile("dump", ".sql.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write("CREATE TABLE t (id int);\n".getBytes(StandardCharsets.UTF_8));
        }
        Path notADump = Files.createTempFile("notes", ".txt");
        Files.writeString(notADump, "-- just a comment, no statements\n");
        try {
            for (Path file : List.of(empty, gzip, notADump)) {
                String db = DbNames.restore("bad" + unique(), 1);
                EngineException e = assertThrows(EngineException.class, () -> engine.stageFromBackup(file.toString(), db));
                assertEquals("backup-restore", e.kind(), e.getMessage());
                assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
                assertFalse(engine.databaseExists(db), "no database is left behind for " + file.getFileName());
            }
        } finally {
            for (Path file : List.of(empty, gzip, notADump)) {
                Files.delete(file);
            }
        }
    }

    @Test
    void adminStatementsShareAFewConnectionsAndSurviveTheServerEndingThem() throws SQLException {
        String adminBackends = "SELECT pid FROM pg_stat_activity WHERE application_name = 'petri'"
                + " AND datname = 'postgres' AND pid <> pg_backend_pid()";
        try (Connection c = DevStack.shared().postgres().connect("postgres"); Statement st = c.createStatement()) {
            Set<Integer> before = pids(st, adminBackends);
            for (int i = 0; i < 20; i++) {
                assertTrue(engine.databaseExists("postgres"));
            }
            Set<Integer> opened = pids(st, adminBackends);
            opened.removeAll(before);
            assertTrue(opened.size() <= 4,
                    "20 admin statements share a few connections, not one each: " + opened.size() + " new");
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'petri'"
                    + " AND datname = 'postgres' AND pid <> pg_backend_pid()");
        }
        assertTrue(engine.databaseExists("postgres"),
                "a connection the server ended is replaced when borrowed");
        String db = DbNames.restore("pooled" + unique(), 1);
        engine.createPrivateDatabase(db);
        assertTrue(engine.databaseExists(db));
        engine.dropDatabase(db);
        assertFalse(engine.databaseExists(db));
    }

    private static Set<Integer> pids(Statement st, String sql) throws SQLException {
        Set<Integer> pids = new HashSet<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                pids.add(rs.getInt(1));
            }
        }
        return pids;
    }

    @Test
    void aMissingBackupFileIsReportedAndNoDatabaseIsLeft() {
        String db = DbNames.restore("missing" + unique(), 1);
        dev.petri.engine.EngineException e = assertThrows(
                dev.petri.engine.EngineException.class, () -> engine.stageFromBackup("/no/such/file.dump", db));
        assertEquals("source-missing", e.kind());
        assertFalse(engine.databaseExists(db));
    }

    @Test
    void aSourceUserThatCannotReadEveryTableIsToldWhichAndOneThatCannotReadSequencesStillGetsThemPastTheRows()
            throws SQLException {
        var pg = DevStack.shared().postgres();
        String db = "seq_source_" + unique();
        String reader = "seq_reader_" + unique();
        pg.createDatabase(db);
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE events (id serial PRIMARY KEY, what text)");
            st.execute("INSERT INTO events (what) SELECT 'e' || g FROM generate_series(1, 40) g");
            st.execute("CREATE TABLE tickets (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, what text)");
            st.execute("INSERT INTO tickets (what) SELECT 't' || g FROM generate_series(1, 25) g");
            st.execute("CREATE TABLE payroll (id int PRIMARY KEY, salary int)");
            st.execute("CREATE TABLE audit_log (id int PRIMARY KEY)");
            st.execute("CREATE SCHEMA hr");
            st.execute("CREATE TABLE hr.staff (id int PRIMARY KEY)");
            st.execute("CREATE ROLE " + reader + " LOGIN PASSWORD 'seq-reader-pass'");
            // what many read-only roles are given: SELECT on some tables, nothing on their sequences
            st.execute("GRANT CONNECT ON DATABASE " + db + " TO " + reader);
            st.execute("GRANT SELECT ON events, tickets, hr.staff TO " + reader); // but no USAGE on hr
        }
        SourceConnection limited = new SourceConnection(pg.jdbcUrl(db), reader, "seq-reader-pass");
        String staging = DbNames.staging("seq" + unique(), 1);
        try {
            EngineException e = assertThrows(EngineException.class, () -> engine.stageFrom(limited, staging,
                    CopyProgress.none()));
            assertEquals("source-permission", e.kind());
            assertTrue(e.getMessage().contains("cannot read 3 table(s): hr.staff, public.audit_log, public.payroll"), e.getMessage());
            assertFalse(e.getMessage().contains("seq-reader-pass"));
            engine.dropDatabase(staging);

            try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
                st.execute("GRANT SELECT ON payroll, audit_log TO " + reader);
                st.execute("GRANT USAGE ON SCHEMA hr TO " + reader);
            }
            engine.stageFrom(limited, staging, CopyProgress.none());
            engine.finishStaging(limited, staging);
            try (Connection c = engine.connect(staging); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("WITH e AS (INSERT INTO events (what) VALUES ('new') RETURNING id),"
                         + " t AS (INSERT INTO tickets (what) VALUES ('new') RETURNING id) SELECT e.id, t.id FROM e, t")) {
                rs.next();
                assertEquals(41, rs.getInt(1), "the serial continues after the staged rows");
                assertEquals(26, rs.getInt(2), "the identity continues after the staged rows");
            }
        } finally {
            engine.dropDatabase(staging);
            try (Connection c = engine.connect("postgres"); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                st.execute("DROP ROLE IF EXISTS " + reader);
            }
        }
    }

    @Override
    protected DatabaseEngine engine() {
        return engine;
    }

    @Override
    protected SourceConnection demoSource() {
        return source;
    }

    private static void assumePsql() throws Exception {
        assumeTrue(new ProcessBuilder("psql", "--version").start().waitFor() == 0,
                "psql is not installed (Debian: apt-get install postgresql-client)");
    }
}
