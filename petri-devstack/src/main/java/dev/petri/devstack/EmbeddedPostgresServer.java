package dev.petri.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL 18 server from Maven-packaged binaries. The superuser gets a password and
 * every login authenticates with SCRAM, so the credentials Petri hands out are really checked.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** Name of the superuser. */
    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    /**
     * Starts a server on a data directory (kept between runs when it already holds a cluster).
     *
     * @param dataDir  the data directory; on XFS with reflink or btrfs clones are copy-on-write
     * @param port     the port, 0 for a free one
     * @param password the superuser's password
     * @param durable  false turns fsync off (tests and the local run: speed over crash safety)
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port, String password, boolean durable)
            throws IOException {
        Files.createDirectories(dataDir);
        boolean existing = Files.exists(dataDir.resolve("PG_VERSION"));
        Path hba = dataDir.getParent().resolve(dataDir.getFileName() + "-pg_hba.conf");
        // trust on loopback only until the superuser has a password; then SCRAM for everyone
        Files.writeString(hba, existing ? scramHba() : trustHba());
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port == 0 ? Ports.free() : port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("hba_file", hba.toAbsolutePath().toString())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("full_page_writes", durable ? "on" : "off")
                .setServerConfig("shared_buffers", "128MB")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setConnectConfig("password", password)
                .setRegisterShutdownHook(false)
                .start();
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(pg, password);
        if (!existing) {
            server.secure(hba);
        }
        return server;
    }

    private void secure(Path hba) throws IOException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password);
             Statement st = c.createStatement()) {
            st.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password.replace("'", "''") + "'");
            Files.writeString(hba, scramHba());
            st.execute("SELECT pg_reload_conf()");
            st.execute("REVOKE ALL ON DATABASE postgres FROM PUBLIC");
            st.execute("REVOKE ALL ON DATABASE template1 FROM PUBLIC");
        } catch (SQLException e) {
            throw new IOException("cannot secure the embedded server", e);
        }
    }

    private static String trustHba() {
        return "host all postgres 127.0.0.1/32 trust\nlocal all postgres trust\n";
    }

    private static String scramHba() {
        return "host all all 127.0.0.1/32 scram-sha-256\nlocal all all scram-sha-256\n";
    }

    /** The port the server listens on. */
    public int port() {
        return postgres.getPort();
    }

    /** The superuser's password. */
    public String password() {
        return password;
    }

    /** A JDBC URL to one database. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** A superuser connection to one database. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, password);
    }

    /** Creates a database unless it exists; nobody but its owner may connect. */
    public void createDatabase(String name) {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            try (var rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            st.execute("CREATE DATABASE \"" + name + "\"");
            st.execute("REVOKE ALL ON DATABASE \"" + name + "\" FROM PUBLIC");
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("cannot create database " + name, e));
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
