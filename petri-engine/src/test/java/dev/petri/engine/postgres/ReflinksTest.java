package dev.petri.engine.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.devstack.DevStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reflink detection must answer what the filesystem really does, and never leave probe files. */
class ReflinksTest {

    @Test
    void answersWhatCpReflinkAlwaysSaysAndLeavesNothingBehind() throws Exception {
        Path dir = Files.createTempDirectory("reflink-test");
        Path a = Files.write(dir.resolve("a"), new byte[4096]);
        Process cp = new ProcessBuilder("cp", "--reflink=always", a.toString(), dir.resolve("b").toString())
                .redirectErrorStream(true).start();
        cp.getInputStream().readAllBytes();
        boolean expected = cp.waitFor() == 0;
        Files.deleteIfExists(dir.resolve("b"));
        Files.delete(a);

        assertEquals(expected, Reflinks.supported(dir));
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "no probe file is left");
        }
        Files.delete(dir);
    }

    @Test
    void aMissingDirectoryHasNoReflinks() throws IOException {
        assertFalse(Reflinks.supported(Path.of("/nonexistent/petri")));
    }

    @Test
    void theServerAnswersForItsOwnDataDirectoryAndLeavesNothingThere() throws Exception {
        var pg = DevStack.shared().postgres();
        try (Connection c = pg.connect("postgres")) {
            Path dataDirectory = Path.of(query(c, "SHOW data_directory"));
            assertEquals(Optional.of(Reflinks.supported(dataDirectory)), Reflinks.madeByServer(c),
                    "the server's probe finds what a probe of the same directory from here finds");
            try (var left = Files.list(dataDirectory)) {
                assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("petri-reflink-probe")),
                        "the server's probe leaves nothing in its data directory");
            }
            assertEquals("0", query(c, "SELECT count(*) FROM pg_class WHERE relname = 'petri_reflink_probe'"));
        }
    }

    @Test
    void aLoginThatMayNotRunProgramsOnTheServerConfirmsNothing() throws Exception {
        var pg = DevStack.shared().postgres();
        try (Connection admin = pg.connect("postgres"); Statement st = admin.createStatement()) {
            st.execute("DROP ROLE IF EXISTS reflink_probe_user");
            st.execute("CREATE ROLE reflink_probe_user LOGIN PASSWORD 'probe-pass'");
            st.execute("GRANT CONNECT, TEMPORARY ON DATABASE postgres TO reflink_probe_user");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), "reflink_probe_user", "probe-pass")) {
                assertEquals(Optional.empty(), Reflinks.madeByServer(c));
            } finally {
                st.execute("REVOKE ALL ON DATABASE postgres FROM reflink_probe_user");
                st.execute("DROP ROLE reflink_probe_user");
            }
        }
    }

    private static String query(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
