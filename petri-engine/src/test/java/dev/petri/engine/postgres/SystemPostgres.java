package dev.petri.engine.postgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throw-away server of the operating system's PostgreSQL whose major version is that of the {@code pg_dump} on
 * the path, so that a test can make a real archive with the real tool ({@code pg_dump} cannot dump a newer server
 * than itself, and the embedded server is PostgreSQL 18). As root the server runs as the {@code postgres} user,
 * which refuses to run as root.
 */
final class SystemPostgres implements AutoCloseable {

    private static final Pattern MAJOR = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    private final Path dir;
    private final Path bin;
    private final int port;

    private SystemPostgres(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    /** Why no server can be started here, or empty when one can. */
    static Optional<String> unavailable() {
        try {
            Optional<Path> bin = binaries();
            if (bin.isEmpty()) {
                return Optional.of("no PostgreSQL server binaries of pg_dump's major version under /usr/lib/postgresql"
                        + " (Debian: apt-get install postgresql)");
            }
            if (isRoot() && run(List.of("id", "-u", "postgres")) != 0) {
                return Optional.of("running as root without a postgres user to run the server as");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("pg_dump is not installed (Debian: apt-get install postgresql-client): " + e.getMessage());
        }
    }

    /** Initialises and starts a server on a free loopback port (trust authentication, fsync off). */
    static SystemPostgres start() throws IOException {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException(unavailable().orElse("no server")));
        Path dir = Files.createTempDirectory("petri-syspg");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SystemPostgres server = new SystemPostgres(dir, bin, port);
        if (isRoot()) {
            server.check(List.of("chown", "postgres", dir.toString()));
        }
        server.check(server.asServerUser(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
                "-A", "trust", "-U", "postgres", "--no-sync")));
        server.check(server.asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                "-w", "-l", dir.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start")));
        return server;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
    }

    /** Runs {@code pg_dump} of a database into a file, in a format ({@code c}ustom, {@code t}ar, {@code p}lain). */
    Path dump(String database, char format) throws IOException {
        Path file = Files.createTempFile("petri-dump", "." + format);
        check(List.of("pg_dump", "-F" + format, "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres",
                "-f", file.toString(), database));
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m",
                    "immediate", "-w", "stop")));
        } finally {
            run(List.of("rm", "-rf", dir.toString()));
        }
    }

    private List<String> asServerUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private void check(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (waitFor(p) != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static Optional<Path> binaries() throws IOException {
        Process p = new ProcessBuilder("pg_dump", "--version").redirectErrorStream(true).start();
        String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = MAJOR.matcher(version);
        if (waitFor(p) != 0 || !m.find()) {
            return Optional.empty();
        }
        Path bin = Path.of("/usr/lib/postgresql", m.group(1), "bin");
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))
                ? Optional.of(bin) : Optional.empty();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return waitFor(p);
    }

    private static int waitFor(Process p) throws IOException {
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
