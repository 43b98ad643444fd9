package dev.petri.engine.sqlserver;

import dev.petri.engine.DbNames;
import java.util.ArrayList;
import java.util.List;

/**
 * The administrative T-SQL the SQL Server adapter runs, built only from checked names and escaped
 * literals so that every statement can be asserted without a server.
 */
public final class SqlServerSql {

    /** Longest identifier SQL Server accepts ({@code sysname}). */
    public static final int MAX_IDENTIFIER = 128;

    private SqlServerSql() {
    }

    /**
     * A bracket-quoted identifier; refuses names SQL Server cannot hold (empty, longer than 128
     * characters, control characters) instead of trying to escape them.
     */
    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty() || identifier.length() > MAX_IDENTIFIER
                || identifier.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("not a usable SQL Server identifier: "
                    + (identifier == null ? "null" : identifier.replaceAll("\\p{Cntrl}", "?")));
        }
        return "[" + identifier.replace("]", "]]") + "]";
    }

    /** A two-part bracket-quoted name, {@code [schema].[name]}. */
    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    /** A Unicode string literal, {@code N'...'} with quotes doubled; refuses control characters. */
    public static String literal(String value) {
        if (value == null || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("not a usable SQL Server string literal");
        }
        return "N'" + value.replace("'", "''") + "'";
    }

    /** A file path on the server joined with a file name, using the directory's own separator. */
    public static String joinPath(String directory, String fileName) {
        if (directory.endsWith("/") || directory.endsWith("\\")) {
            return directory + fileName;
        }
        char separator = directory.indexOf('\\') >= 0 && directory.indexOf('/') < 0 ? '\\' : '/';
        return directory + separator + fileName;
    }

    /** Where the backup of an image lives, in the server's backup directory. */
    public static String imageBackupPath(String backupDirectory, String image) {
        return joinPath(backupDirectory, DbNames.check(image) + ".bak");
    }

    /** Creates an empty database with simple recovery; no login but Petri's can connect to it. */
    static List<String> createDatabase(String database) {
        String db = quote(DbNames.check(database));
        return List.of("CREATE DATABASE " + db, "ALTER DATABASE " + db + " SET RECOVERY SIMPLE");
    }

    /**
     * Drops a database whatever its state: brings an offline image back online (so its files are
     * deleted too), ends every session, drops it; does nothing if it does not exist.
     */
    static String dropDatabase(String database) {
        String name = literal(DbNames.check(database));
        String db = quote(database);
        return "DECLARE @state nvarchar(60) = (SELECT state_desc FROM sys.databases WHERE name = " + name + ");"
                + " IF @state = N'OFFLINE' ALTER DATABASE " + db + " SET ONLINE;"
                + " IF @state IN (N'ONLINE', N'OFFLINE') ALTER DATABASE " + db + " SET SINGLE_USER WITH ROLLBACK IMMEDIATE;"
                + " IF @state IS NOT NULL DROP DATABASE " + db + ";";
    }

    /**
     * Seals a database as an image, in order: read only (ending every session), a full copy-only
     * backup with checksums into the backup directory, then offline so that no one can connect and
     * its data files are closed (ready to be cloned with reflinks).
     */
    static List<String> sealAsImage(String database, String backupPath) {
        String db = quote(DbNames.check(database));
        return List.of(
                "ALTER DATABASE " + db + " SET READ_ONLY WITH ROLLBACK IMMEDIATE",
                "BACKUP DATABASE " + db + " TO DISK = " + literal(backupPath) + " WITH COPY_ONLY, INIT, FORMAT, CHECKSUM",
                "ALTER DATABASE " + db + " SET OFFLINE WITH ROLLBACK IMMEDIATE");
    }

    /** Takes a database offline, ending every session and closing its files. */
    static String setOffline(String database) {
        return "ALTER DATABASE " + quote(DbNames.check(database)) + " SET OFFLINE WITH ROLLBACK IMMEDIATE";
    }

    /** Lists the files inside a backup ({@code LogicalName}, {@code PhysicalName}, {@code Type}, {@code FileId}). */
    static String restoreFileListOnly(String backupPath) {
        return "RESTORE FILELISTONLY FROM DISK = " + literal(backupPath);
    }

    /** Reads the header of a backup ({@code BackupFinishDate}, {@code DatabaseName} ...). */
    static String restoreHeaderOnly(String backupPath) {
        return "RESTORE HEADERONLY FROM DISK = " + literal(backupPath);
    }

    /** One file of a database or of a backup: its logical name, its type and its id. */
    record DbFile(String logicalName, char type, int fileId) {

        /** Type {@code D} (rows) or {@code L} (log); full-text and FILESTREAM files are refused. */
        DbFile {
            if (type != 'D' && type != 'L') {
                throw new IllegalArgumentException("file " + logicalName + " has type " + type
                        + ": only data (D) and log (L) files are supported");
            }
        }

        /** The physical file name this file gets in a database called {@code database}. */
        String physicalName(String database) {
            String extension = type == 'L' ? ".ldf" : fileId == 1 ? ".mdf" : ".ndf";
            return database + "_" + fileId + extension;
        }
    }

    /**
     * Restores a backup into a new database, moving every file into the data and log directories
     * under names derived from the new database (so clones of one image never collide).
     */
    static String restoreWithMove(String backupPath, String target, List<DbFile> files, String dataDirectory,
                                  String logDirectory) {
        String db = quote(DbNames.check(target));
        if (files.isEmpty()) {
            throw new IllegalArgumentException("the backup lists no files");
        }
        StringBuilder sql = new StringBuilder("RESTORE DATABASE ").append(db).append(" FROM DISK = ")
                .append(literal(backupPath)).append(" WITH RECOVERY");
        for (DbFile file : files) {
            String directory = file.type() == 'L' ? logDirectory : dataDirectory;
            sql.append(", MOVE ").append(literal(file.logicalName())).append(" TO ")
                    .append(literal(joinPath(directory, file.physicalName(target))));
        }
        return sql.toString();
    }

    /** Attaches data and log files (already on the server) as a new database. */
    static String attach(String target, List<String> dataFiles, List<String> logFiles) {
        if (dataFiles.isEmpty()) {
            throw new IllegalArgumentException("attaching needs at least the primary data file");
        }
        StringBuilder sql = new StringBuilder("CREATE DATABASE ").append(quote(DbNames.check(target))).append(" ON ");
        sql.append(String.join(", ", dataFiles.stream().map(f -> "(FILENAME = " + literal(f) + ")").toList()));
        if (!logFiles.isEmpty()) {
            sql.append(" LOG ON ")
                    .append(String.join(", ", logFiles.stream().map(f -> "(FILENAME = " + literal(f) + ")").toList()));
        }
        return sql.append(" FOR ATTACH").toString();
    }

    /** Makes a fresh clone of a sealed image writable and open to its users. */
    static List<String> openClone(String database) {
        String db = quote(DbNames.check(database));
        return List.of("ALTER DATABASE " + db + " SET READ_WRITE WITH ROLLBACK IMMEDIATE",
                "ALTER DATABASE " + db + " SET MULTI_USER", "ALTER DATABASE " + db + " SET RECOVERY SIMPLE");
    }

    /** The files of a database as the server sees them: physical name, type (ROWS or LOG), file id. */
    static String databaseFiles() {
        return "SELECT physical_name, type_desc, file_id, name FROM sys.master_files WHERE database_id = DB_ID(?)"
                + " ORDER BY file_id";
    }

    /** Name of the database-level extended property that carries Petri's marker. */
    static final String MARKER_PROPERTY = "petri";

    /**
     * Run inside a database: sets its extended property {@code petri} to a marker, replacing the one it
     * inherited from the image it was cloned or restored from.
     */
    static String markDatabase(String marker) {
        String name = literal(MARKER_PROPERTY);
        String value = literal(DbNames.checkMarker(marker));
        return "IF EXISTS (" + markerQuery() + ") EXEC sys.sp_updateextendedproperty @name = " + name
                + ", @value = " + value + " ELSE EXEC sys.sp_addextendedproperty @name = " + name + ", @value = " + value;
    }

    /** Run inside a database: its marker, if it has one (one row, one column). */
    static String markerQuery() {
        return "SELECT CAST(value AS nvarchar(400)) FROM sys.extended_properties WHERE class = 0 AND name = "
                + literal(MARKER_PROPERTY);
    }

    /** Checks a login password: 12-128 letters and digits, so it never needs escaping. */
    static String checkPassword(String password) {
        if (password == null || !password.matches("[A-Za-z0-9]{12,128}")) {
            throw new IllegalArgumentException("password must be 12-128 alphanumeric characters");
        }
        return password;
    }

    /** Creates a login whose default database is its own, without the Windows password policy. */
    static String createLogin(String login, String password, String database) {
        return "CREATE LOGIN " + quote(DbNames.check(login)) + " WITH PASSWORD = " + literal(checkPassword(password))
                + ", DEFAULT_DATABASE = " + quote(DbNames.check(database)) + ", CHECK_POLICY = OFF, CHECK_EXPIRATION = OFF";
    }

    /** Run inside the login's database: a user for the login, member of {@code db_owner} there only. */
    static List<String> createOwnerUser(String login) {
        String user = quote(DbNames.check(login));
        return List.of("CREATE USER " + user + " FOR LOGIN " + user, "ALTER ROLE [db_owner] ADD MEMBER " + user);
    }

    /**
     * Revokes a login: disables it (no new sessions), kills its sessions, drops it; does nothing if
     * it does not exist.
     */
    static String dropLogin(String login) {
        return ifLoginExists(login, disableAndKill(login) + " DROP LOGIN " + quote(login) + ";");
    }

    /**
     * Stops a login at once without dropping it: disabled (no new sessions) and its sessions killed;
     * its user keeps owning what it owns. Does nothing if it does not exist.
     */
    static String disableLogin(String login) {
        return ifLoginExists(login, disableAndKill(login));
    }

    private static String ifLoginExists(String login, String body) {
        return "IF SUSER_ID(" + literal(DbNames.check(login)) + ") IS NOT NULL BEGIN " + body + " END";
    }

    private static String disableAndKill(String login) {
        String name = literal(DbNames.check(login));
        return "ALTER LOGIN " + quote(login) + " DISABLE;"
                + " DECLARE @kill nvarchar(max) = (SELECT STRING_AGG(CONCAT(N'KILL ', session_id), N'; ')"
                + " FROM sys.dm_exec_sessions WHERE login_name = " + name + " AND session_id <> @@SPID);"
                + " IF @kill IS NOT NULL EXEC (@kill);";
    }

    /**
     * Run inside a database restored from a foreign backup: statements that hand every schema owned by
     * a database user to {@code dbo} and drop those users, so no production login maps into it.
     * {@code users} are the names found by {@link #foreignUsers()}, {@code ownedSchemas} their schemas.
     */
    static List<String> dropForeignUsers(List<String> users, List<String> ownedSchemas) {
        List<String> sql = new ArrayList<>();
        for (String schema : ownedSchemas) {
            sql.add("ALTER AUTHORIZATION ON SCHEMA::" + quote(schema) + " TO [dbo]");
        }
        for (String user : users) {
            sql.add("DROP USER " + quote(user));
        }
        return sql;
    }

    /** Database users that are not built in (name, then schemas they own, one row per schema or NULL). */
    static String foreignUsers() {
        return "SELECT p.name, s.name FROM sys.database_principals p"
                + " LEFT JOIN sys.schemas s ON s.principal_id = p.principal_id"
                + " WHERE p.type IN ('S','U','G','E','X','C','K') AND p.principal_id > 4"
                + " AND p.name NOT IN ('dbo','guest','INFORMATION_SCHEMA','sys') ORDER BY p.name";
    }

    /** The server's default data and log directories. */
    static String defaultDirectories() {
        return "SELECT CAST(SERVERPROPERTY('InstanceDefaultDataPath') AS nvarchar(4000)),"
                + " CAST(SERVERPROPERTY('InstanceDefaultLogPath') AS nvarchar(4000))";
    }

    /** Names of databases starting with a prefix (parameter 1), with {@code LIKE} wildcards escaped. */
    static String listDatabases() {
        return "SELECT name FROM sys.databases WHERE name LIKE ? ESCAPE N'\\' ORDER BY name";
    }

    /** A {@code LIKE} pattern matching names that start with a prefix. */
    static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace("[", "\\[") + "%";
    }

    /** Removes password literals and {@code password=} URL properties from an error message. */
    public static String redact(String message) {
        if (message == null) {
            return null;
        }
        return message.replaceAll("(?i)(PASSWORD\\s*=\\s*)N?'(?:[^']|'')*'", "$1'***'")
                .replaceAll("(?i)(password\\s*+=\\s*+)(?!N?')(\\{(?:[^}]|}})*}|[^;]*)", "$1***");
    }
}
