package dev.petri.engine.postgres;

import dev.petri.devstack.DemoDatabase;
import dev.petri.devstack.DevStack;
import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.DatabaseEngineContract;
import dev.petri.engine.EngineHost;
import dev.petri.engine.SourceConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;

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

    @org.junit.jupiter.api.Test
    void aRandomPasswordIsStoredWithFewScramIterationsAndAChosenOneWithTheServerDefault() throws Exception {
        String suffix = unique();
        String db = dev.petri.engine.DbNames.member(suffix);
        String fast = dev.petri.engine.DbNames.login(suffix);
        String chosen = dev.petri.engine.DbNames.login("c" + suffix);
        try {
            engine.createPrivateDatabase(db);
            engine.createOwnerLoginWithRandomPassword(db, fast, "Rand0m" + suffix + "Abcdefghijkmn");
            engine.createOwnerLogin(db, chosen, "Chosen" + suffix);
            try (Connection c = engine.connect("postgres"); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT rolname, split_part(rolpassword, ':', 1) FROM pg_authid"
                         + " WHERE rolname IN ('" + fast + "', '" + chosen + "') ORDER BY rolname = '" + fast + "'")) {
                rs.next();
                org.junit.jupiter.api.Assertions.assertEquals("SCRAM-SHA-256$4096", rs.getString(2), "a chosen password");
                rs.next();
                org.junit.jupiter.api.Assertions.assertEquals("SCRAM-SHA-256$" + ScramVerifier.RANDOM_PASSWORD_ITERATIONS,
                        rs.getString(2), "a random password");
            }
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> engine.createOwnerLoginWithRandomPassword(db, fast, "Short" + suffix),
                    "a password shorter than 24 characters is not taken as random");
        } finally {
            engine.dropDatabase(db);
            engine.dropLogin(fast);
            engine.dropLogin(chosen);
        }
    }

    @org.junit.jupiter.api.Test
    void restoresAPlainSqlBackupIntoAPrivateDatabaseOwnedByTheObjectOwner() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("psql", "--version").start().waitFor() == 0,
                "psql is not installed (Debian: apt-get install postgresql-client)");
        Path dump = Files.createTempFile("backup", ".sql");
        Files.writeString(dump, "CREATE TABLE people (id int PRIMARY KEY, email text UNIQUE);\n"
                + "INSERT INTO people VALUES (1, 'ann@example.org'), (2, 'bob@example.org');\n"
                + "CREATE VIEW people_count AS SELECT count(*) AS n FROM people;\n");
        String db = dev.petri.engine.DbNames.restore("backup" + unique(), 1);
        try {
            var copy = engine.stageFromBackup(dump.toString(), db);
            org.junit.jupiter.api.Assertions.assertEquals(1, copy.tables());
            try (Connection c = engine.connect(db); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT n, (SELECT tableowner FROM pg_tables"
                         + " WHERE tablename = 'people') FROM people_count")) {
                rs.next();
                org.junit.jupiter.api.Assertions.assertEquals(2, rs.getInt(1));
                org.junit.jupiter.api.Assertions.assertEquals(PostgresEngine.OBJECT_OWNER, rs.getString(2));
            }
        } finally {
            engine.dropDatabase(db);
            Files.delete(dump);
        }
    }

    @org.junit.jupiter.api.Test
    void adminStatementsShareAFewConnectionsAndSurviveTheServerEndingThem() throws SQLException {
        String adminBackends = "SELECT pid FROM pg_stat_activity WHERE application_name = 'petri'"
                + " AND datname = 'postgres' AND pid <> pg_backend_pid()";
        try (Connection c = DevStack.shared().postgres().connect("postgres"); Statement st = c.createStatement()) {
            Set<Integer> before = pids(st, adminBackends);
            for (int i = 0; i < 20; i++) {
                org.junit.jupiter.api.Assertions.assertTrue(engine.databaseExists("postgres"));
            }
            Set<Integer> opened = pids(st, adminBackends);
            opened.removeAll(before);
            org.junit.jupiter.api.Assertions.assertTrue(opened.size() <= 4,
                    "20 admin statements share a few connections, not one each: " + opened.size() + " new");
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'petri'"
                    + " AND datname = 'postgres' AND pid <> pg_backend_pid()");
        }
        org.junit.jupiter.api.Assertions.assertTrue(engine.databaseExists("postgres"),
                "a connection the server ended is replaced when borrowed");
        String db = dev.petri.engine.DbNames.restore("pooled" + unique(), 1);
        engine.createPrivateDatabase(db);
        org.junit.jupiter.api.Assertions.assertTrue(engine.databaseExists(db));
        engine.dropDatabase(db);
        org.junit.jupiter.api.Assertions.assertFalse(engine.databaseExists(db));
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

    @org.junit.jupiter.api.Test
    void aMissingBackupFileIsReportedAndNoDatabaseIsLeft() {
        String db = dev.petri.engine.DbNames.restore("missing" + unique(), 1);
        dev.petri.engine.EngineException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.petri.engine.EngineException.class, () -> engine.stageFromBackup("/no/such/file.dump", db));
        org.junit.jupiter.api.Assertions.assertEquals("source-missing", e.kind());
        org.junit.jupiter.api.Assertions.assertFalse(engine.databaseExists(db));
    }

    @Override
    protected DatabaseEngine engine() {
        return engine;
    }

    @Override
    protected SourceConnection demoSource() {
        return source;
    }
}
