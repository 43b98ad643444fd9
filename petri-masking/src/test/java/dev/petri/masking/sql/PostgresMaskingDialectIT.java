package dev.petri.masking.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.devstack.DevStack;
import dev.petri.devstack.EmbeddedPostgresServer;
import dev.petri.masking.catalog.Catalog;
import dev.petri.masking.catalog.TableInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The table rewrite against a real PostgreSQL: escapes, NULLs, rows larger than a chunk, partitions, failures. */
class PostgresMaskingDialectIT {

    private static EmbeddedPostgresServer pg;
    private static String db;
    private static final ExecutorService WORKERS = Executors.newFixedThreadPool(2);
    private static final PostgresMaskingDialect DIALECT = new PostgresMaskingDialect(WORKERS, 2);

    @BeforeAll
    static void createDatabase() throws SQLException {
        pg = DevStack.shared().postgres();
        db = "dialect_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        pg.createDatabase(db);
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE notes (id int, body text, tag varchar(10), len int GENERATED ALWAYS AS (length(body)) STORED)");
            st.execute("INSERT INTO notes (id, body, tag) SELECT g, 'line ' || g || E'\\ttab\\nnew\\\\back Zürich', 'k' || g"
                    + " FROM generate_series(1, 20000) g");
            st.execute("INSERT INTO notes (id, body, tag) VALUES (0, NULL, NULL), (-1, repeat('x', 3000000), 'big')");
            st.execute("CREATE TABLE events (id int, region text, who text) PARTITION BY LIST (region)");
            st.execute("CREATE TABLE events_eu PARTITION OF events FOR VALUES IN ('eu')");
            st.execute("CREATE TABLE events_us PARTITION OF events FOR VALUES IN ('us')");
            st.execute("INSERT INTO events SELECT g, CASE WHEN g % 2 = 0 THEN 'eu' ELSE 'us' END, 'who ' || g"
                    + " FROM generate_series(1, 5000) g");
        }
    }

    @AfterAll
    static void shutdown() {
        WORKERS.shutdownNow();
    }

    private static TableInfo table(Connection c, String name) throws SQLException {
        Catalog catalog = DIALECT.readCatalog(c, c);
        return catalog.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void rewritesEveryRowInPlaceKeepingEscapesNullsHugeRowsAndUnmaskedColumns() throws SQLException {
        try (Connection read = pg.connect(db); Connection write = pg.connect(db)) {
            TableInfo t = table(read, "notes");
            AtomicLong progressed = new AtomicLong();
            MaskingDialect.RewriteStats stats = DIALECT.rewrite(read, write, t, List.of(t.column("body")), values -> {
                if (values[0] != null) {
                    values[0] = values[0].toUpperCase(Locale.ROOT);
                }
            }, progressed::set);
            assertEquals(20_002, stats.rows());
            assertEquals(20_002, progressed.get());
        }
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            assertEquals("LINE 7\tTAB\nNEW\\BACK ZÜRICH|k7|26", one(st, "SELECT body || '|' || tag || '|' || len FROM notes WHERE id = 7"));
            assertNull(one(st, "SELECT body FROM notes WHERE id = 0"));
            assertEquals("3000000|big|3000000", one(st, "SELECT length(body) || '|' || tag || '|' || len FROM notes WHERE id = -1"));
            assertEquals("0", one(st, "SELECT count(*) FROM notes WHERE body <> upper(body)"));
            assertEquals("20002", one(st, "SELECT count(*) FROM notes"));
        }
    }

    @Test
    void rewritesAPartitionedTableThroughItsParent() throws SQLException {
        try (Connection read = pg.connect(db); Connection write = pg.connect(db)) {
            TableInfo t = table(read, "events");
            DIALECT.rewrite(read, write, t, List.of(t.column("who")), values -> values[0] = "masked " + values[0].length(),
                    n -> { });
        }
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            assertEquals("2500|2500", one(st, "SELECT (SELECT count(*) FROM events_eu) || '|' || (SELECT count(*) FROM events_us)"));
            assertEquals("masked 8", one(st, "SELECT who FROM events WHERE id = 1234"));
        }
    }

    @Test
    void aFailingMaskerWhileRowsAreStillBeingReadLeavesTheTableAsItWas() throws SQLException {
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE fragile AS SELECT g AS id, 'v' || g AS v FROM generate_series(1, 300000) g");
        }
        try (Connection read = pg.connect(db); Connection write = pg.connect(db)) {
            TableInfo t = table(read, "fragile");
            assertThrows(IllegalStateException.class, () -> DIALECT.rewrite(read, write, t, List.of(t.column("v")), values -> {
                if (values[0].equals("v900")) {
                    throw new IllegalStateException("rule failed");
                }
                values[0] = "m";
            }, n -> { }));
        }
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            assertEquals("300000|v900", one(st, "SELECT count(*) || '|' || max(v) FILTER (WHERE id = 900) FROM fragile"));
            assertTrue(Long.parseLong(one(st, "SELECT count(*) FROM fragile WHERE v LIKE 'v%'")) == 300_000);
            assertEquals("0", one(st, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND state <> 'idle' AND pid <> pg_backend_pid()"), "no copy is left running");
        }
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
