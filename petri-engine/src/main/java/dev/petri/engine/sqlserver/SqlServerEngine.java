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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The SQL Server adapter: databases, logins scoped to one database, and clones by backup and
 * {@code RESTORE ... WITH MOVE}. Statements are built by {@link SqlServerSql} so they can be tested
 * without a server.
 */
public class SqlServerEngine implements DatabaseEngine {

    private final EngineHost host;

    public SqlServerEngine(EngineHost host) {
        this.host = host;
    }

    @Override
    public String kind() {
        return "sqlserver";
    }

    @Override
    public EngineHost host() {
        return host;
    }

    @Override
    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", host.username());
        props.setProperty("password", host.password() == null ? "" : host.password());
        props.setProperty("databaseName", database);
        props.setProperty("applicationName", "petri");
        return DriverManager.getConnection(host.adminUrl(), props);
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
            throw new EngineException("host", "cannot query host " + host.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> listDatabases(String prefix) {
        List<String> names = new ArrayList<>();
        try (Connection c = connect("master");
             PreparedStatement ps = c.prepareStatement("SELECT name FROM sys.databases WHERE LEFT(name, LEN(?)) = ?"
                     + " ORDER BY name")) {
            ps.setString(1, prefix);
            ps.setString(2, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        } catch (SQLException e) {
            throw new EngineException("host", "cannot list databases: " + e.getMessage(), e);
        }
    }

    @Override
    public void createPrivateDatabase(String database) {
        execute("master", SqlServerSql.createDatabase(DbNames.check(database)));
    }

    @Override
    public void dropDatabase(String database) {
        execute("master", SqlServerSql.dropDatabase(DbNames.check(database)));
    }

    @Override
    public CloneMethod detectCloneMethod() {
        return CloneMethod.BACKUP_RESTORE;
    }

    @Override
    public CloneResult cloneDatabase(String image, String target) {
        long start = System.nanoTime();
        String backup = SqlServerSql.imageBackupPath(DbNames.check(image));
        List<String[]> files = logicalFiles(backup);
        execute("master", SqlServerSql.restoreWithMove(backup, DbNames.check(target), files));
        return new CloneResult(target, CloneMethod.BACKUP_RESTORE, (System.nanoTime() - start) / 1_000_000);
    }

    private List<String[]> logicalFiles(String backup) {
        List<String[]> files = new ArrayList<>();
        try (Connection c = connect("master"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("RESTORE FILELISTONLY FROM DISK = N'" + backup.replace("'", "''") + "'")) {
            while (rs.next()) {
                files.add(new String[] {rs.getString("LogicalName"), rs.getString("Type")});
            }
        } catch (SQLException e) {
            throw new EngineException("clone", "cannot read the image backup: " + e.getMessage(), e);
        }
        return files;
    }

    @Override
    public void sealAsImage(String database) {
        execute("master", SqlServerSql.sealAsImage(DbNames.check(database)));
    }

    @Override
    public StagedCopy stageFrom(SourceConnection source, String stagingDatabase, CopyProgress progress) {
        throw new EngineException("unsupported", "staging a live SQL Server source is not available yet");
    }

    @Override
    public void finishStaging(SourceConnection source, String stagingDatabase) {
        throw new EngineException("unsupported", "staging a live SQL Server source is not available yet");
    }

    @Override
    public void createOwnerLogin(String database, String login, String password) {
        for (String sql : SqlServerSql.createOwnerLogin(DbNames.check(database), DbNames.check(login), password)) {
            execute(sql.startsWith("USE ") ? database : "master", sql.replaceFirst("^USE \\[[^]]+\\];\\s*", ""));
        }
    }

    @Override
    public void dropLogin(String login) {
        execute("master", SqlServerSql.dropLogin(DbNames.check(login)));
    }

    @Override
    public long sizeBytes(String database) {
        try (Connection c = connect("master");
             PreparedStatement ps = c.prepareStatement(
                     "SELECT CAST(SUM(size) AS bigint) * 8192 FROM sys.master_files WHERE database_id = DB_ID(?)")) {
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
    public String publicJdbcUrl(String database) {
        return "jdbc:sqlserver://" + host.publicHost() + ":" + host.publicPort() + ";databaseName=" + database
                + ";encrypt=true;trustServerCertificate=true";
    }

    private void execute(String database, String sql) {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new EngineException("sql", "statement failed on " + database + ": "
                    + e.getMessage().replaceAll("(?i)PASSWORD\\s*=\\s*N?'[^']*'", "PASSWORD = '***'"), e);
        }
    }
}
