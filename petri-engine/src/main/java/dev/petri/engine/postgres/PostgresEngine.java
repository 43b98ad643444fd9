package dev.petri.engine.postgres;

import dev.petri.engine.CloneMethod;
import dev.petri.engine.CloneResult;
import dev.petri.engine.CopyProgress;
import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.DbNames;
import dev.petri.engine.EngineException;
import dev.petri.engine.EngineHost;
import dev.petri.engine.SourceConnection;
import dev.petri.engine.StagedCopy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** The PostgreSQL adapter: databases, template and copy-on-write clones, logins, staging copies. */
public class PostgresEngine implements DatabaseEngine {

    /** Role that owns every object inside staging and image databases; handed to a login on claim. */
    public static final String OBJECT_OWNER = "petri_object_owner";
    private static final Logger LOG = Logger.getLogger(PostgresEngine.class);
    private static final String ADMIN_DATABASE = "postgres";

    private final EngineHost host;
    private volatile CloneMethod cloneMethod;
    private volatile boolean fileCopyMethodClone;
    private AdminConnections adminConnections;
    private boolean closed;

    public PostgresEngine(EngineHost host) {
        this.host = host;
    }

    @Override
    public String kind() {
        return "postgres";
    }

    @Override
    public EngineHost host() {
        return host;
    }

    /**
     * An administrative connection. Connections to the maintenance database {@code postgres}, which
     * every administrative statement runs on, come from a small pool; others are opened for the caller.
     */
    @Override
    public Connection connect(String database) throws SQLException {
        if (ADMIN_DATABASE.equals(database)) {
            return adminConnections().get();
        }
        Properties props = new Properties();
        props.setProperty("user", host.username());
        if (host.password() != null) {
            props.setProperty("password", host.password());
        }
        props.setProperty("ApplicationName", "petri");
        return DriverManager.getConnection(urlFor(host.adminUrl(), database), props);
    }

    private synchronized AdminConnections adminConnections() throws SQLException {
        if (closed) {
            throw new SQLException("the engine adapter of host " + host.name() + " is closed");
        }
        if (adminConnections == null) {
            adminConnections = new AdminConnections(urlFor(host.adminUrl(), ADMIN_DATABASE), host.username(),
                    host.password());
        }
        return adminConnections;
    }

    /** Closes the pooled administrative connections. */
    @Override
    public synchronized void close() {
        closed = true;
        if (adminConnections != null) {
            adminConnections.close();
            adminConnections = null;
        }
    }

    /** A JDBC URL like {@code base} but for another database. */
    static String urlFor(String baseUrl, String database) {
        int q = baseUrl.indexOf('?');
        String params = q < 0 ? "" : baseUrl.substring(q);
        String noParams = q < 0 ? baseUrl : baseUrl.substring(0, q);
        int slash = noParams.indexOf('/', "jdbc:postgresql://".length());
        String server = slash < 0 ? noParams : noParams.substring(0, slash);
        return server + "/" + database + params;
    }

    @Override
    public boolean databaseExists(String database) {
        return queryExists("SELECT 1 FROM pg_database WHERE datname = ?", database);
    }

    @Override
    public boolean loginExists(String login) {
        return queryExists("SELECT 1 FROM pg_roles WHERE rolname = ?", login);
    }

    private boolean queryExists(String sql, String arg) {
        try (Connection c = connect("postgres"); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new EngineException("host", "cannot query host " + host.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> listDatabases(String prefix) {
        List<String> names = new ArrayList<>();
        try (Connection c = connect("postgres");
             PreparedStatement ps = c.prepareStatement(
                     "SELECT datname FROM pg_database WHERE starts_with(datname, ?) ORDER BY datname")) {
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        } catch (SQLException e) {
            throw new EngineException("host", "cannot list databases on " + host.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void createPrivateDatabase(String database) {
        DbNames.check(database);
        execute("postgres", "CREATE DATABASE " + database, "REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
    }

    @Override
    public void dropDatabase(String database) {
        DbNames.check(database);
        if (queryExists("SELECT 1 FROM pg_database WHERE datname = ? AND datistemplate", database)) {
            execute("postgres", "ALTER DATABASE " + database + " IS_TEMPLATE false");
        }
        execute("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    /**
     * Copy-on-write clones need PostgreSQL 18 ({@code file_copy_method = clone}) and a data directory
     * on a filesystem with reflinks. PostgreSQL's clone falls back to a plain copy where reflinks are
     * missing without any error, so the filesystem is tested directly: a reflink copy
     * ({@code cp --reflink=always}) of a probe file inside the server's data directory, when this
     * process can see that directory. Where it cannot, the plain template copy is reported.
     * <p>
     * Separately, the server is asked to clone a probe database with {@code file_copy_method = clone}:
     * where that works, every template copy uses it, because on a filesystem without reflinks it is an
     * in-kernel {@code copy_file_range} copy, faster than PostgreSQL's own read/write loop.
     */
    @Override
    public synchronized CloneMethod detectCloneMethod() {
        CloneMethod known = cloneMethod;
        if (known != null) {
            return known;
        }
        CloneMethod detected = CloneMethod.TEMPLATE_FILE_COPY;
        boolean serverClones = false;
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            if (serverVersion(c) >= 180000) {
                serverClones = serverClonesFiles(st);
                if (serverClones && dataDirectoryReflinks(c)) {
                    detected = CloneMethod.REFLINK_CLONE;
                }
            }
        } catch (SQLException e) {
            throw new EngineException("host", "cannot probe clone method on " + host.name() + ": " + e.getMessage(), e);
        }
        fileCopyMethodClone = serverClones;
        cloneMethod = detected;
        LOG.infof("host %s clones with %s (file_copy_method %s)", host.name(), detected, serverClones ? "clone" : "copy");
        return detected;
    }

    /**
     * Whether the server's data directory makes reflink copies: asked of the server itself (it runs the probe where
     * its files are, which is the only place that knows in docker-compose or Kubernetes); when it will not run
     * programs for this login, probed here, which only answers when the data directory is this machine's.
     */
    private boolean dataDirectoryReflinks(Connection c) throws SQLException {
        Optional<Boolean> server = Reflinks.madeByServer(c);
        if (server.isPresent()) {
            return server.get();
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW data_directory")) {
            rs.next();
            Path dataDirectory = Path.of(rs.getString(1));
            if (!Files.isDirectory(dataDirectory)) {
                LOG.infof("host %s: the server runs no programs for Petri's login and its data directory is not"
                        + " reachable here, so copy-on-write clones cannot be confirmed", host.name());
            }
            return Reflinks.supported(dataDirectory);
        }
    }

    /** Whether the server copies a probe database with {@code file_copy_method = clone} (tried, then dropped). */
    private static boolean serverClonesFiles(Statement st) {
        String probe = DbNames.PREFIX + "probe_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            st.execute("SET file_copy_method = clone");
            st.execute("CREATE DATABASE " + probe + " TEMPLATE template0 STRATEGY FILE_COPY");
            return true;
        } catch (SQLException e) {
            LOG.infof("file_copy_method = clone is not usable here: %s", e.getMessage());
            return false;
        } finally {
            try {
                st.execute("RESET file_copy_method");
                st.execute("DROP DATABASE IF EXISTS " + probe);
            } catch (SQLException e) {
                LOG.warnf("probe database %s not dropped: %s", probe, e.getMessage());
            }
        }
    }

    /** The server's version number, e.g. 180006. */
    static int serverVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }

    @Override
    public CloneResult cloneDatabase(String image, String target) {
        DbNames.check(image);
        DbNames.check(target);
        CloneMethod method = detectCloneMethod();
        long start = System.nanoTime();
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            if (fileCopyMethodClone) {
                st.execute("SET file_copy_method = clone");
            }
            st.execute("CREATE DATABASE " + target + " TEMPLATE " + image + " STRATEGY FILE_COPY");
            st.execute("REVOKE ALL ON DATABASE " + target + " FROM PUBLIC");
        } catch (SQLException e) {
            throw new EngineException("clone", "cannot clone " + image + " into " + target + ": " + e.getMessage(), e);
        }
        return new CloneResult(target, method, (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public void sealAsImage(String database) {
        DbNames.check(database);
        execute("postgres",
                "REVOKE ALL ON DATABASE " + database + " FROM PUBLIC",
                "ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS false",
                "ALTER DATABASE " + database + " SET default_transaction_read_only = on",
                "ALTER DATABASE " + database + " IS_TEMPLATE true");
    }

    @Override
    public void publishImage(String stagingDatabase, String imageDatabase) {
        DbNames.check(stagingDatabase);
        DbNames.check(imageDatabase);
        execute("postgres",
                "ALTER DATABASE " + stagingDatabase + " WITH ALLOW_CONNECTIONS false",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + stagingDatabase + "'",
                "ALTER DATABASE " + stagingDatabase + " RENAME TO " + imageDatabase);
        sealAsImage(imageDatabase);
    }

    @Override
    public StagedCopy stageFrom(SourceConnection source, String stagingDatabase, CopyProgress progress) {
        DbNames.check(stagingDatabase);
        ensureObjectOwner();
        createPrivateDatabase(stagingDatabase);
        execute(stagingDatabase,
                "GRANT CREATE ON DATABASE " + stagingDatabase + " TO " + OBJECT_OWNER,
                "ALTER SCHEMA public OWNER TO " + OBJECT_OWNER);
        return new PostgresStagingCopier(this, source, stagingDatabase).copySchemaAndRows(progress);
    }

    @Override
    public void finishStaging(SourceConnection source, String stagingDatabase) {
        new PostgresStagingCopier(this, source, stagingDatabase).buildConstraintsIndexesAndViews();
    }

    /** Creates the role that owns objects inside staging and image databases, once per host. */
    void ensureObjectOwner() {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + OBJECT_OWNER
                    + "') THEN CREATE ROLE " + OBJECT_OWNER + " NOLOGIN; END IF; END $$");
        } catch (SQLException e) {
            if (!loginExists(OBJECT_OWNER)) {
                throw new EngineException("host", "cannot create role " + OBJECT_OWNER + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void createOwnerLogin(String database, String login, String password) {
        if (!password.matches("[A-Za-z0-9]{12,128}")) {
            throw new IllegalArgumentException("password must be 12-128 alphanumeric characters");
        }
        createOwnerLoginWithSecret(database, login, password);
    }

    /**
     * Stores a SCRAM-SHA-256 verifier with {@value ScramVerifier#RANDOM_PASSWORD_ITERATIONS} iterations
     * instead of the server's default 4,096: computed here, so neither the server (PostgreSQL 16+'s
     * {@code scram_iterations} would do the same there) nor the pooled admin session's settings are
     * involved, and the password itself never reaches the server. Every later connection with it
     * costs the server and the client 64 PBKDF2 rounds instead of 4,096.
     */
    @Override
    public void createOwnerLoginWithRandomPassword(String database, String login, String randomPassword) {
        if (!randomPassword.matches("[A-Za-z0-9]{24,128}")) {
            throw new IllegalArgumentException("a random password must be 24-128 alphanumeric characters");
        }
        createOwnerLoginWithSecret(database, login,
                ScramVerifier.of(randomPassword, ScramVerifier.RANDOM_PASSWORD_ITERATIONS));
    }

    /** {@code secret}: an alphanumeric password or a SCRAM verifier, both safe inside a SQL literal. */
    private void createOwnerLoginWithSecret(String database, String login, String secret) {
        DbNames.check(database);
        DbNames.check(login);
        ensureObjectOwner();
        execute("postgres",
                "CREATE ROLE " + login + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD '"
                        + secret + "'",
                "ALTER DATABASE " + database + " OWNER TO " + login,
                "ALTER DATABASE " + database + " RESET default_transaction_read_only",
                "REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
        execute(database, "REASSIGN OWNED BY " + OBJECT_OWNER + " TO " + login);
    }

    @Override
    public void dropLogin(String login) {
        DbNames.check(login);
        execute("postgres",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + login + "'",
                "DROP ROLE IF EXISTS " + login);
    }

    /**
     * {@code NOLOGIN} and no password, committed before the login's sessions are ended, so a session
     * that starts meanwhile is refused or ended. The role keeps owning its database until it is dropped.
     */
    @Override
    public void disableLogin(String login) {
        DbNames.check(login);
        execute("postgres",
                "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + login + "') THEN"
                        + " ALTER ROLE " + login + " NOLOGIN PASSWORD NULL; END IF; END $$",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + login + "'");
    }

    @Override
    public long sizeBytes(String database) {
        try (Connection c = connect("postgres");
             PreparedStatement ps = c.prepareStatement("SELECT pg_database_size(?)")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new EngineException("host", "cannot size " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SourceConnection adminSource(String database) {
        return new SourceConnection(urlFor(host.adminUrl(), DbNames.check(database)), host.username(), host.password());
    }

    /**
     * Restores a backup file into a new private database: a custom-format dump with
     * {@code pg_restore}, a plain SQL dump with {@code psql}; ownership and grants of the source are
     * not restored.
     */
    @Override
    public StagedCopy stageFromBackup(String backupFile, String database) {
        return new PostgresBackupRestorer(this).restore(Path.of(backupFile), DbNames.check(database));
    }

    @Override
    public String publicJdbcUrl(String database) {
        return "jdbc:postgresql://" + host.publicHost() + ":" + host.publicPort() + "/" + database;
    }

    @Override
    public String internalJdbcUrl(String database) {
        String url = urlFor(host.adminUrl(), DbNames.check(database));
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        String params = Arrays.stream(url.substring(q + 1).split("&"))
                .filter(p -> !p.toLowerCase(Locale.ROOT).startsWith("user=")
                        && !p.toLowerCase(Locale.ROOT).startsWith("password="))
                .collect(Collectors.joining("&"));
        return url.substring(0, q) + (params.isEmpty() ? "" : "?" + params);
    }

    @Override
    public void markDatabase(String database, String marker) {
        DbNames.check(database);
        execute("postgres", "COMMENT ON DATABASE " + database + " IS '" + DbNames.checkMarker(marker) + "'");
    }

    @Override
    public Optional<String> databaseMarker(String database) {
        try (Connection c = connect("postgres"); PreparedStatement ps = c.prepareStatement(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new EngineException("host", "cannot read the marker of " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SourceConnection sourceFor(String database) {
        DbNames.check(database);
        return new SourceConnection(urlFor(host.adminUrl(), database), host.username(), host.password());
    }

    /** Runs statements, each in its own auto-commit, on one database. */
    void execute(String database, String... statements) {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new EngineException("sql", "statement failed on " + database + ": " + redact(e.getMessage()), e);
        }
    }

    /** Removes anything that looks like a password literal from an error message. */
    static String redact(String message) {
        return message == null ? null : message.replaceAll("(?i)password\\s+'[^']*'", "PASSWORD '***'");
    }
}
