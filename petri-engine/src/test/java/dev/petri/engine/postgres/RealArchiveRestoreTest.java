package dev.petri.engine.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.petri.devstack.DemoDatabase;
import dev.petri.devstack.DevStack;
import dev.petri.engine.DbNames;
import dev.petri.engine.EngineHost;
import dev.petri.engine.StagedCopy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Archives made by the real {@code pg_dump} of a production-like database (roles this host does not have as
 * owners, grants, default privileges, a quoted mixed-case schema) restore into staging on PostgreSQL 18 with every
 * row, constraint and view, and nothing of the production roles.
 */
class RealArchiveRestoreTest {

    private static SystemPostgres production;
    private static PostgresEngine engine;
    private static Map<String, Long> sourceRows;

    @BeforeAll
    static void production() throws Exception {
        var why = SystemPostgres.unavailable();
        assumeTrue(why.isEmpty(), () -> "no real pg_dump archive can be made here: " + why.orElse(""));
        production = SystemPostgres.start();
        try (Connection c = production.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE app_owner");
            st.execute("CREATE ROLE reporting");
            st.execute("CREATE DATABASE shop OWNER app_owner");
        }
        try (Connection c = production.connect("shop"); Statement st = c.createStatement()) {
            DemoDatabase.create(c, 150, 5);
            st.execute("CREATE SCHEMA \"Sales\" AUTHORIZATION app_owner");
            st.execute("CREATE TABLE \"Sales\".\"Leads\" (\"Id\" serial PRIMARY KEY, \"E-Mail\" text UNIQUE NOT NULL,"
                    + " \"Score\" int CHECK (\"Score\" BETWEEN 0 AND 100))");
            st.execute("INSERT INTO \"Sales\".\"Leads\" (\"E-Mail\", \"Score\")"
                    + " SELECT 'lead' || g || '@example.org', g % 101 FROM generate_series(1, 400) g");
            st.execute("DO $$ DECLARE t record; BEGIN FOR t IN SELECT schemaname, tablename FROM pg_tables"
                    + " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') LOOP"
                    + " EXECUTE format('ALTER TABLE %I.%I OWNER TO app_owner', t.schemaname, t.tablename);"
                    + " END LOOP; END $$");
            st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public, \"Sales\" TO reporting");
            st.execute("ALTER DEFAULT PRIVILEGES FOR ROLE app_owner GRANT SELECT ON TABLES TO reporting");
            st.execute("COMMENT ON TABLE \"Sales\".\"Leads\" IS 'people who asked for a quote'");
            sourceRows = rowCounts(c);
        }
        var pg = DevStack.shared().postgres();
        engine = new PostgresEngine(new EngineHost("local", "postgres", pg.jdbcUrl("postgres"), "postgres",
                pg.password(), "127.0.0.1", pg.port(), 100));
    }

    @AfterAll
    static void stop() throws Exception {
        if (production != null) {
            production.close();
        }
    }

    @Test
    void aCustomFormatArchiveRestoresEveryRowConstraintAndView() throws Exception {
        restoresEverything('c');
    }

    @Test
    void aTarArchiveRestoresEveryRowConstraintAndView() throws Exception {
        restoresEverything('t');
    }

    private void restoresEverything(char format) throws Exception {
        Path archive = production.dump("shop", format);
        String db = DbNames.restore("archive" + UUID.randomUUID().toString().replace("-", "").substring(0, 8), 1);
        try {
            StagedCopy copy = engine.stageFromBackup(archive.toString(), db);
            try (Connection c = engine.connect(db); Statement st = c.createStatement()) {
                assertEquals(sourceRows, rowCounts(c), "every table with every row");
                assertEquals(sourceRows.size(), copy.tables());
                assertEquals(sourceRows.values().stream().mapToLong(Long::longValue).sum(), copy.rows());
                assertEquals(0, count(st, "SELECT count(*) FROM pg_tables WHERE schemaname IN ('public', 'Sales')"
                        + " AND tableowner <> '" + PostgresEngine.OBJECT_OWNER + "'"), "no production owner is kept");
                assertEquals(0, count(st, "SELECT count(*) FROM pg_roles WHERE rolname IN ('app_owner', 'reporting')"),
                        "no production role is created");
                assertEquals(count(st, "SELECT count(*) FROM customers"),
                        count(st, "SELECT count(*) FROM customer_order_totals"), "the view works");
                assertThrows(SQLException.class, () -> st.execute("INSERT INTO \"Sales\".\"Leads\" (\"E-Mail\")"
                        + " VALUES ('lead1@example.org')"), "the unique constraint holds");
                assertThrows(SQLException.class, () -> st.execute("INSERT INTO \"Sales\".\"Leads\" (\"E-Mail\","
                        + " \"Score\") VALUES ('new@example.org', 101)"), "the check constraint holds");
            }
        } finally {
            engine.dropDatabase(db);
            Files.deleteIfExists(archive);
        }
    }

    private static Map<String, Long> rowCounts(Connection c) throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT format('%I.%I', schemaname,"
                + " tablename) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")) {
            while (rs.next()) {
                rows.put(rs.getString(1), 0L);
            }
        }
        try (Statement st = c.createStatement()) {
            for (String table : rows.keySet()) {
                rows.put(table, count(st, "SELECT count(*) FROM " + table));
            }
        }
        return rows;
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
