package dev.petri.engine.sqlserver;

import java.util.List;

/** The T-SQL the SQL Server adapter runs, built from checked names only. */
public final class SqlServerSql {

    private SqlServerSql() {
    }

    /** A bracket-quoted identifier. */
    public static String quote(String identifier) {
        return "[" + identifier.replace("]", "]]") + "]";
    }

    /** Where the backup of an image lives on the server. */
    public static String imageBackupPath(String image) {
        return "/var/opt/mssql/backup/" + image + ".bak";
    }

    static String createDatabase(String database) {
        return "CREATE DATABASE " + quote(database);
    }

    static String dropDatabase(String database) {
        return "IF DB_ID(N'" + database + "') IS NOT NULL BEGIN ALTER DATABASE " + quote(database)
                + " SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE " + quote(database) + "; END";
    }

    static String sealAsImage(String database) {
        return "BACKUP DATABASE " + quote(database) + " TO DISK = N'" + imageBackupPath(database)
                + "' WITH INIT, COPY_ONLY, CHECKSUM; ALTER DATABASE " + quote(database)
                + " SET READ_ONLY WITH ROLLBACK IMMEDIATE; ALTER DATABASE " + quote(database)
                + " SET RESTRICTED_USER WITH ROLLBACK IMMEDIATE";
    }

    static String restoreWithMove(String backup, String target, List<String[]> logicalFiles) {
        StringBuilder sql = new StringBuilder("RESTORE DATABASE ").append(quote(target)).append(" FROM DISK = N'")
                .append(backup.replace("'", "''")).append("' WITH RECOVERY");
        int n = 0;
        for (String[] file : logicalFiles) {
            String ext = "L".equals(file[1]) ? ".ldf" : ".mdf";
            sql.append(", MOVE N'").append(file[0].replace("'", "''")).append("' TO N'/var/opt/mssql/data/")
                    .append(target).append('_').append(n++).append(ext).append('\'');
        }
        return sql.toString();
    }

    static List<String> createOwnerLogin(String database, String login, String password) {
        if (!password.matches("[A-Za-z0-9]{12,128}")) {
            throw new IllegalArgumentException("password must be 12-128 alphanumeric characters");
        }
        return List.of(
                "CREATE LOGIN " + quote(login) + " WITH PASSWORD = N'" + password + "', DEFAULT_DATABASE = "
                        + quote(database) + ", CHECK_POLICY = OFF",
                "USE " + quote(database) + "; CREATE USER " + quote(login) + " FOR LOGIN " + quote(login),
                "USE " + quote(database) + "; ALTER ROLE db_owner ADD MEMBER " + quote(login));
    }

    static String dropLogin(String login) {
        return "DECLARE @s int; DECLARE c CURSOR LOCAL FOR SELECT session_id FROM sys.dm_exec_sessions"
                + " WHERE login_name = N'" + login + "'; OPEN c; FETCH NEXT FROM c INTO @s;"
                + " WHILE @@FETCH_STATUS = 0 BEGIN EXEC('KILL ' + @s); FETCH NEXT FROM c INTO @s; END;"
                + " IF SUSER_ID(N'" + login + "') IS NOT NULL DROP LOGIN " + quote(login);
    }
}
