package dev.petri.engine.sqlserver;

import dev.petri.engine.CloneMethod;
import dev.petri.engine.CloneResult;
import dev.petri.engine.CopyProgress;
import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.DbNames;
import dev.petri.engine.EngineException;
import dev.petri.engine.EngineHost;
import dev.petri.engine.SourceConnection;
import dev.petri.engine.StagedCopy;
import dev.petri.engine.sqlserver.SqlServerSql.DbFile;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * The SQL Server adapter: private databases, logins that own one database, images sealed as a
 * backup plus offline data files, clones by reflink-cloned files attached or by
 * {@code RESTORE ... WITH MOVE}, and staging copies from a live source or a {@code .bak} file.
 * Statements come from {@link SqlServerSql} and {@link SqlServerCatalog} so they are tested without a
 * server; this class only runs them.
 */
public class SqlServerEngine implements DatabaseEngine {

    private static final Logger LOG = Logger.getLogger(SqlServerEngine.class);
    /** "Could not drop login ... as the user is currently logged in": a killed session is still ending. */
    private static final int LOGIN_IN_USE = 15434;
    private static final int DROP_LOGIN_ATTEMPTS = 5;

    private final EngineHost host;
    private final SqlServerOptions options;
    private volatile CloneMethod cloneMethod;
    private volatile String[] directories;

    /** An adapter configured from the {@code PETRI_MSSQL_*} environment variables. */
    public SqlServerEngine(EngineHost host) {
        this(host, SqlServerOptions.fromEnvironment(System.getenv()));
    }

    /** An adapter with explicit file locations. */
    public SqlServerEngine(EngineHost host, SqlServerOptions options) {
        this.host = host;
        this.options = options;
    }

    @Override
    public String kind() {
        return "sqlserver";
    }

    @Override
    public EngineHost host() {
        return host;
    }

    /** The file locations this adapter uses. */
    public SqlServerOptions options() {
        return options;
    }

    @Override
    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", host.username());
        props.setProperty("password", host.password() == null ? "" : host.password());
        props.setProperty("applicationName", "petri");
        String url = SqlServerUrls.withDatabase(SqlServerUrls.withoutCredentials(host.adminUrl()), database);
        return DriverManager.getConnection(url, props);
    }

    @Override
    public boolean databaseExists(String database) {
        return exists("SELECT 1 FROM sys.databases WHERE name = ?", database);
    }

    @Override
    public boolean loginExists(String login) {
        return exists("SELECT 1 FROM sys.server_principals WHERE name = ?", login);
    }

    private boolean exists(String sql, String arg) {
        try (Connection c = connect("master"); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw hostError("cannot query host " + host.name(), e);
        }
    }

    @Override
    public List<String> listDatabases(String prefix) {
        List<String> names = new ArrayList<>();
        try (Connection c = connect("master"); PreparedStatement ps = c.prepareStatement(SqlServerSql.listDatabases())) {
            ps.setString(1, SqlServerSql.likePrefix(prefix));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        } catch (SQLException e) {
            throw hostError("cannot list databases on " + host.name(), e);
        }
    }

    @Override
    public void createPrivateDatabase(String database) {
        execute("master", SqlServerSql.createDatabase(database));
    }

    @Override
    public void dropDatabase(String database) {
        execute("master", List.of(SqlServerSql.dropDatabase(database)));
        if (options.localBackupDirectory() != null) {
            ReflinkFiles.deleteQuietly(options.localBackupDirectory().resolve(database + ".bak"));
        }
    }

    @Override
    public void markDatabase(String database, String marker) {
        execute(DbNames.check(database), List.of(SqlServerSql.markDatabase(marker)));
    }

    /**
     * The database's marker. A database that cannot be opened (restoring, offline, single user) has none that
     * Petri can prove, so it is only ever reported, never dropped.
     */
    @Override
    public Optional<String> databaseMarker(String database) {
        try (Connection c = connect(DbNames.check(database)); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(SqlServerSql.markerQuery())) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            LOG.warnf("cannot read the marker of %s on %s: %s", database, host.name(), SqlServerSql.redact(e.getMessage()));
            return Optional.empty();
        }
    }

    @Override
    public CloneMethod detectCloneMethod() {
        CloneMethod known = cloneMethod;
        if (known != null) {
            return known;
        }
        CloneMethod detected = CloneMethod.BACKUP_RESTORE;
        if (options.localDataDirectory() == null) {
            LOG.infof("host %s: the data directory is not mounted where Petri runs (PETRI_MSSQL_LOCAL_DATA_DIR),"
                    + " so clones are restored from backups", host.name());
        } else {
            String probe = "petri_probe_" + ProcessHandle.current().pid();
            String probeClone = probe + "_clone";
            try {
                dropDatabase(probeClone);
                dropDatabase(probe);
                createPrivateDatabase(probe);
                execute("master", List.of(SqlServerSql.setOffline(probe)));
                reflinkAttach(probe, probeClone);
                detected = CloneMethod.REFLINK_ATTACH;
            } catch (RuntimeException | IOException e) {
                LOG.infof("host %s: reflink clones of data files do not work here (%s); clones are restored from backups",
                        host.name(), SqlServerSql.redact(e.getMessage()));
            } finally {
                dropQuietly(probeClone);
                dropQuietly(probe);
            }
        }
        cloneMethod = detected;
        LOG.infof("host %s clones with %s", host.name(), detected);
        return detected;
    }

    private void dropQuietly(String database) {
        try {
            dropDatabase(database);
        } catch (RuntimeException e) {
            LOG.warnf("host %s: cannot drop probe database %s: %s", host.name(), database, e.getMessage());
        }
    }

    @Override
    public CloneResult cloneDatabase(String image, String target) {
        DbNames.check(image);
        DbNames.check(target);
        CloneMethod method = detectCloneMethod();
        long start = System.nanoTime();
        if (method == CloneMethod.REFLINK_ATTACH) {
            try {
                reflinkAttach(image, target);
            } catch (IOException | RuntimeException e) {
                throw new EngineException("clone", "cannot clone " + image + " into " + target + " with reflinks: "
                        + SqlServerSql.redact(e.getMessage()), e);
            }
        } else {
            restoreInto(SqlServerSql.imageBackupPath(options.backupDirectory(), image), target);
        }
        execute("master", SqlServerSql.openClone(target));
        return new CloneResult(target, method, (System.nanoTime() - start) / 1_000_000);
    }

    /** Restores a backup file into a new database, its files moved to names of the new database. */
    private void restoreInto(String backupPath, String target) {
        List<DbFile> files = backupFiles(backupPath);
        String[] dirs = directories();
        execute("master", List.of(SqlServerSql.restoreWithMove(backupPath, target, files, dirs[0], dirs[1])));
    }

    /** The logical files inside a backup. */
    private List<DbFile> backupFiles(String backupPath) {
        List<DbFile> files = new ArrayList<>();
        try (Connection c = connect("master"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(SqlServerSql.restoreFileListOnly(backupPath))) {
            while (rs.next()) {
                files.add(new DbFile(rs.getString("LogicalName"), rs.getString("Type").charAt(0),
                        (int) rs.getLong("FileId")));
            }
            return files;
        } catch (SQLException e) {
            throw new EngineException("clone", "cannot read the backup " + backupPath + ": "
                    + SqlServerSql.redact(e.getMessage()), e);
        }
    }

    /** The server's data and log directories (configured, or the server's defaults). */
    String[] directories() {
        String[] known = directories;
        if (known != null) {
            return known;
        }
        String data = options.dataDirectory();
        String log = options.logDirectory();
        if (data == null || log == null) {
            try (Connection c = connect("master"); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery(SqlServerSql.defaultDirectories())) {
                rs.next();
                data = data == null ? rs.getString(1) : data;
                log = log == null ? rs.getString(2) : log;
            } catch (SQLException e) {
                throw hostError("cannot read the default directories of " + host.name(), e);
            }
        }
        known = new String[] {data, log};
        directories = known;
        return known;
    }

    /**
     * Clones the files of an offline image next to themselves with reflinks and attaches them as a new
     * database; removes the copies if the attach fails.
     */
    private void reflinkAttach(String image, String target) throws IOException {
        String dataDirectory = directories()[0];
        List<String> dataFiles = new ArrayList<>();
        List<String> logFiles = new ArrayList<>();
        List<Path> created = new ArrayList<>();
        String state = databaseState(image);
        if (!"OFFLINE".equals(state)) {
            throw new IOException("image " + image + " is " + state + ", not OFFLINE: its files are in use");
        }
        try {
            for (String[] file : databaseFiles(image)) {
                boolean log = "LOG".equals(file[1]);
                if (!log && !"ROWS".equals(file[1])) {
                    throw new IOException("image " + image + " has a " + file[1] + " file; only data and log files clone");
                }
                DbFile dbFile = new DbFile(file[3], log ? 'L' : 'D', Integer.parseInt(file[2]));
                String serverTarget = SqlServerSql.joinPath(parentOf(file[0]), dbFile.physicalName(target));
                Path localSource = options.localPath(file[0], dataDirectory);
                Path localTarget = options.localPath(serverTarget, dataDirectory);
                ReflinkFiles.cloneFile(localSource, localTarget);
                created.add(localTarget);
                (log ? logFiles : dataFiles).add(serverTarget);
            }
            execute("master", List.of(SqlServerSql.attach(target, dataFiles, logFiles)));
        } catch (IOException | RuntimeException e) {
            created.forEach(ReflinkFiles::deleteQuietly);
            throw e;
        }
    }

    private static String parentOf(String serverPath) {
        int cut = Math.max(serverPath.lastIndexOf('/'), serverPath.lastIndexOf('\\'));
        return cut < 0 ? "" : serverPath.substring(0, cut + 1);
    }

    private String databaseState(String database) {
        try (Connection c = connect("master");
             PreparedStatement ps = c.prepareStatement("SELECT state_desc FROM sys.databases WHERE name = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "missing";
            }
        } catch (SQLException e) {
            throw hostError("cannot read the state of " + database, e);
        }
    }

    /** Files of a database: physical name, type (ROWS or LOG), file id, logical name; primary file first. */
    private List<String[]> databaseFiles(String database) {
        List<String[]> files = new ArrayList<>();
        try (Connection c = connect("master"); PreparedStatement ps = c.prepareStatement(SqlServerSql.databaseFiles())) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    files.add(new String[] {rs.getString(1), rs.getString(2), Integer.toString(rs.getInt(3)),
                            rs.getString(4)});
                }
            }
            return files;
        } catch (SQLException e) {
            throw hostError("cannot list the files of " + database, e);
        }
    }

    @Override
    public void sealAsImage(String database) {
        execute("master", SqlServerSql.sealAsImage(database,
                SqlServerSql.imageBackupPath(options.backupDirectory(), database)));
    }

    @Override
    public StagedCopy stageFrom(SourceConnection source, String stagingDatabase, CopyProgress progress) {
        DbNames.check(stagingDatabase);
        try (Connection src = SqlServerStagingCopier.openSource(source)) {
            createPrivateDatabase(stagingDatabase);
            try {
                return new SqlServerStagingCopier(this, source, stagingDatabase).copySchemaAndRows(src, progress);
            } catch (RuntimeException e) {
                dropQuietly(stagingDatabase);
                throw e;
            }
        } catch (SQLException e) {
            throw new EngineException("staging", "closing the source failed: " + SqlServerSql.redact(e.getMessage()), e);
        }
    }

    @Override
    public void finishStaging(SourceConnection source, String stagingDatabase) {
        new SqlServerStagingCopier(this, source, DbNames.check(stagingDatabase)).buildConstraintsIndexesAndModules();
    }

    /**
     * Restores a {@code .bak} file the server can read into a new staging database, complete with its
     * constraints, indexes and views; database users from the source are dropped so that no
     * production login maps into it.
     */
    @Override
    public StagedCopy stageFromBackup(String backupFile, String stagingDatabase) {
        DbNames.check(stagingDatabase);
        Instant backupTime = backupFinishTime(backupFile);
        restoreInto(backupFile, stagingDatabase);
        execute("master", SqlServerSql.openClone(stagingDatabase));
        try (Connection c = connect(stagingDatabase); Statement st = c.createStatement()) {
            List<String> users = new ArrayList<>();
            List<String> schemas = new ArrayList<>();
            SqlServerCatalog.query(c, SqlServerSql.foreignUsers(), rs -> {
                if (!users.contains(rs.getString(1))) {
                    users.add(rs.getString(1));
                }
                if (rs.getString(2) != null) {
                    schemas.add(rs.getString(2));
                }
            });
            for (String sql : SqlServerSql.dropForeignUsers(users, schemas)) {
                st.execute(sql);
            }
            long[] counts = new long[2];
            SqlServerCatalog.query(c, "SELECT COUNT(*), COALESCE(SUM(x.rows), 0) FROM (SELECT t.object_id,"
                    + " (SELECT SUM(p.rows) FROM sys.partitions p WHERE p.object_id = t.object_id AND p.index_id IN (0, 1))"
                    + " AS rows FROM sys.tables t WHERE t.is_ms_shipped = 0) x", rs -> {
                        counts[0] = rs.getLong(1);
                        counts[1] = rs.getLong(2);
                    });
            return new StagedCopy(stagingDatabase, backupTime, (int) counts[0], counts[1]);
        } catch (SQLException e) {
            dropQuietly(stagingDatabase);
            throw new EngineException("staging", "preparing the restored backup failed: "
                    + SqlServerSql.redact(e.getMessage()), e);
        }
    }

    private Instant backupFinishTime(String backupFile) {
        try (Connection c = connect("master"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(SqlServerSql.restoreHeaderOnly(backupFile))) {
            if (!rs.next()) {
                throw new EngineException("staging", "the backup " + backupFile + " holds no backup set");
            }
            Timestamp finished = rs.getTimestamp("BackupFinishDate");
            return finished == null ? Instant.now() : finished.toLocalDateTime().toInstant(ZoneOffset.UTC);
        } catch (SQLException e) {
            throw new EngineException("staging", "cannot read the backup " + backupFile + ": "
                    + SqlServerSql.redact(e.getMessage()), e);
        }
    }

    @Override
    public void createOwnerLogin(String database, String login, String password) {
        execute("master", List.of(SqlServerSql.createLogin(login, password, database)));
        try {
            execute(database, SqlServerSql.createOwnerUser(login));
        } catch (RuntimeException e) {
            dropLogin(login);
            throw e;
        }
    }

    @Override
    public void disableLogin(String login) {
        execute("master", List.of(SqlServerSql.disableLogin(login)));
    }

    @Override
    public void dropLogin(String login) {
        String sql = SqlServerSql.dropLogin(login);
        for (int attempt = 1; ; attempt++) {
            try {
                execute("master", List.of(sql));
                return;
            } catch (EngineException e) {
                boolean stillLoggedIn = e.getCause() instanceof SQLException s && s.getErrorCode() == LOGIN_IN_USE;
                if (!stillLoggedIn || attempt >= DROP_LOGIN_ATTEMPTS) {
                    throw e;
                }
                pause(200L * attempt);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("sql", "interrupted while waiting for killed sessions to end", e);
        }
    }

    @Override
    public long sizeBytes(String database) {
        try (Connection c = connect("master");
             PreparedStatement ps = c.prepareStatement(
                     "SELECT CAST(COALESCE(SUM(CAST(size AS bigint)), 0) * 8192 AS bigint) FROM sys.master_files"
                             + " WHERE database_id = DB_ID(?)")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw hostError("cannot size " + database, e);
        }
    }

    @Override
    public SourceConnection adminSource(String database) {
        return new SourceConnection(host.adminUrl() + ";databaseName=" + DbNames.check(database), host.username(),
                host.password());
    }

    @Override
    public String internalJdbcUrl(String database) {
        return SqlServerUrls.withDatabase(SqlServerUrls.withoutCredentials(host.adminUrl()), DbNames.check(database));
    }

    @Override
    public String publicJdbcUrl(String database) {
        String extra = options.publicUrlProperties() == null || options.publicUrlProperties().isBlank()
                ? "" : ";" + options.publicUrlProperties();
        return "jdbc:sqlserver://" + host.publicHost() + ":" + host.publicPort() + ";databaseName="
                + DbNames.check(database) + extra;
    }

    /** Runs statements, each in its own auto-commit, on one database; errors are redacted. */
    void execute(String database, List<String> statements) {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new EngineException("sql", "statement failed on " + database + ": " + SqlServerSql.redact(e.getMessage()),
                    redacted(e));
        }
    }

    private EngineException hostError(String what, SQLException e) {
        return new EngineException("host", what + ": " + SqlServerSql.redact(e.getMessage()), redacted(e));
    }

    /** A copy of a driver error whose message has passwords removed, so the cause chain carries no secret. */
    static SQLException redacted(SQLException e) {
        SQLException copy = new SQLException(SqlServerSql.redact(e.getMessage()), e.getSQLState(), e.getErrorCode());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
