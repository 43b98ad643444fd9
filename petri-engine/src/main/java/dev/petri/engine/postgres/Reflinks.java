package dev.petri.engine.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Tests whether a directory's filesystem makes reflink (copy-on-write) copies. */
public final class Reflinks {

    /**
     * Run by the server in its data directory (its working directory): a 64 KiB file copied with
     * {@code cp --reflink=always} in a directory of its own, removed afterwards; prints {@code reflink} or
     * {@code copy}.
     */
    static final String SERVER_PROBE = "d=$(mktemp -d ./petri-reflink-probe.XXXXXX) || { echo copy; exit 0; };"
            + " head -c 65536 /dev/zero > \"$d/a\" && cp --reflink=always \"$d/a\" \"$d/b\" 2>/dev/null"
            + " && echo reflink || echo copy; rm -rf \"$d\"";

    private Reflinks() {
    }

    /** True when {@code cp --reflink=always} succeeds inside the directory; false when it fails or cannot run. */
    public static boolean supported(Path directory) {
        if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
            return false;
        }
        Path probe = null;
        Path copy = null;
        try {
            probe = Files.createTempFile(directory, ".petri-reflink-probe", "");
            Files.write(probe, new byte[64 * 1024]);
            copy = probe.resolveSibling(probe.getFileName() + ".copy");
            Process cp = new ProcessBuilder("cp", "--reflink=always", probe.toString(), copy.toString())
                    .redirectErrorStream(true).start();
            cp.getInputStream().readAllBytes();
            return cp.waitFor(10, TimeUnit.SECONDS) && cp.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            deleteQuietly(copy);
            deleteQuietly(probe);
        }
    }

    /**
     * Asks the server itself whether its data directory makes reflink copies, for a data directory this process
     * cannot see (docker-compose, Kubernetes, another machine): {@code COPY … FROM PROGRAM} runs the probe there.
     * Empty when the server will not run programs for this login (it needs superuser or
     * {@code pg_execute_server_program}), so the caller knows nothing was confirmed either way.
     */
    static Optional<Boolean> madeByServer(Connection c) {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMPORARY TABLE petri_reflink_probe (line text)");
            try {
                st.execute("COPY petri_reflink_probe FROM PROGRAM '" + SERVER_PROBE.replace("'", "''") + "'");
                try (ResultSet rs = st.executeQuery("SELECT line FROM petri_reflink_probe")) {
                    return Optional.of(rs.next() && "reflink".equals(rs.getString(1)));
                }
            } finally {
                st.execute("DROP TABLE petri_reflink_probe");
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a leftover probe file of 64 KiB is harmless
            }
        }
    }
}
