package dev.petri.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.devstack.DevStack;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** A masking run's reused staging connections, against a real PostgreSQL: a reused session is a fresh one. */
class ReusedConnectionsIT {

    private static String db;

    @BeforeAll
    static void createDatabase() throws SQLException {
        db = "reuse_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        DevStack.shared().postgres().createDatabase(db);
        try (Connection c = DevStack.shared().postgres().connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (v int)");
        }
    }

    @Test
    void aClosedConnectionIsReusedWithItsSessionReset() throws SQLException {
        AtomicInteger logins = new AtomicInteger();
        try (ReusedConnections pool = new ReusedConnections(() -> {
            logins.incrementAndGet();
            return DevStack.shared().postgres().connect(db);
        }, "DISCARD ALL")) {
            int pid;
            Connection first = pool.open();
            try (Statement st = first.createStatement()) {
                pid = pid(st);
                st.execute("SET work_mem = '77MB'");
                st.execute("CREATE TEMP TABLE scratch (x int)");
                first.setAutoCommit(false);
                st.execute("INSERT INTO t VALUES (1)");
                st.execute("PREPARE p AS SELECT 1");
            }
            first.close();
            assertTrue(first.isClosed());
            assertThrows(SQLException.class, first::createStatement, "a returned connection cannot be used");
            first.close();
            try (Connection second = pool.open(); Statement st = second.createStatement()) {
                assertEquals(pid, pid(st), "the same session");
                assertTrue(second.getAutoCommit());
                assertEquals("0", one(st, "SELECT count(*) FROM t"), "the open transaction was rolled back");
                assertNotEquals("77MB", one(st, "SHOW work_mem"), "settings are reset");
                assertEquals("0", one(st, "SELECT count(*) FROM pg_class WHERE relname = 'scratch'"), "temp tables dropped");
                assertEquals("0", one(st, "SELECT count(*) FROM pg_prepared_statements"), "prepared statements deallocated");
                for (int i = 0; i < 10; i++) {
                    // server-side prepared statements of the driver still work after DISCARD ALL
                    try (var ps = second.prepareStatement("SELECT ?::int")) {
                        ps.setInt(1, i);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            assertEquals(i, rs.getInt(1));
                        }
                    }
                }
                second.unwrap(PGConnection.class).getCopyAPI();
            }
            assertEquals(1, logins.get(), "one login for both");
            // two at once need two sessions; a session that cannot be reset is not reused
            Connection a = pool.open();
            Connection b = pool.open();
            assertEquals(2, logins.get());
            try (Statement st = b.createStatement()) {
                st.execute("SELECT pg_terminate_backend(" + pid(a.createStatement()) + ")");
            }
            a.close();
            b.close();
            try (Connection c = pool.open(); Connection d = pool.open()) {
                assertEquals(3, logins.get(), "the terminated session was replaced, the other reused");
                assertTrue(c.isValid(2) && d.isValid(2));
            }
        }
    }

    private static int pid(Statement st) throws SQLException {
        return Integer.parseInt(one(st, "SELECT pg_backend_pid()"));
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
