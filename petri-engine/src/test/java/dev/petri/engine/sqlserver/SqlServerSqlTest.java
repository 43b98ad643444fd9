package dev.petri.engine.sqlserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.engine.sqlserver.SqlServerSql.DbFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlServerSqlTest {

    private static final String HOSTILE = "x]; DROP DATABASE master; --";

    @Test
    void quotesIdentifiersWithBracketsAndDoublesClosingBrackets() {
        assertEquals("[Leads]", SqlServerSql.quote("Leads"));
        assertEquals("[x]]; DROP DATABASE master; --]", SqlServerSql.quote(HOSTILE));
        assertEquals("[crm].[Leads]", SqlServerSql.qualified("crm", "Leads"));
    }

    @Test
    void refusesIdentifiersThatCannotBeQuotedSafely() {
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.quote(null));
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.quote(""));
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.quote("a".repeat(129)));
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.quote("a\u0000b"));
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.quote("a\nGO\nDROP TABLE t"));
    }

    @Test
    void doublesQuotesInUnicodeLiterals() {
        assertEquals("N'O''Brien'", SqlServerSql.literal("O'Brien"));
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.literal("a\rb"));
    }

    @Test
    void createsAPrivateDatabaseWithSimpleRecovery() {
        assertEquals(List.of("CREATE DATABASE [petri_env_a1]", "ALTER DATABASE [petri_env_a1] SET RECOVERY SIMPLE"),
                SqlServerSql.createDatabase("petri_env_a1"));
    }

    @Test
    void dropsADatabaseInAnyStateAfterEndingItsSessions() {
        assertEquals("DECLARE @state nvarchar(60) = (SELECT state_desc FROM sys.databases WHERE name = N'petri_env_a1');"
                        + " IF @state = N'OFFLINE' ALTER DATABASE [petri_env_a1] SET ONLINE;"
                        + " IF @state IN (N'ONLINE', N'OFFLINE') ALTER DATABASE [petri_env_a1] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;"
                        + " IF @state IS NOT NULL DROP DATABASE [petri_env_a1];",
                SqlServerSql.dropDatabase("petri_env_a1"));
    }

    @Test
    void refusesUnsafeDatabaseAndLoginNamesInEveryStatement() {
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.createDatabase(HOSTILE));
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.dropDatabase("Robert'); --"));
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.sealAsImage(HOSTILE, "/b/x.bak"));
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.setOffline(HOSTILE));
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.openClone("Petri_Env"));
        assertThrows(IllegalArgumentException.class,
                () -> SqlServerSql.restoreWithMove("/b/x.bak", HOSTILE, List.of(new DbFile("d", 'D', 1)), "/d", "/l"));
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.attach(HOSTILE, List.of("/d/a.mdf"), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> SqlServerSql.createLogin("sa] WITH PASSWORD = N'x'; --", "Secret123456789", "petri_env_a1"));
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.createOwnerUser("u] FOR LOGIN [sa"));
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.dropLogin("sa'; SHUTDOWN; --"));
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.disableLogin("sa]; SHUTDOWN; --"));
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.imageBackupPath("/b", "../../etc/x"));
    }

    @Test
    void sealsAnImageReadOnlyThenBacksItUpThenTakesItOffline() {
        assertEquals(List.of(
                        "ALTER DATABASE [petri_img_clinic_v3] SET READ_ONLY WITH ROLLBACK IMMEDIATE",
                        "BACKUP DATABASE [petri_img_clinic_v3] TO DISK = N'/var/opt/mssql/backup/petri_img_clinic_v3.bak'"
                                + " WITH COPY_ONLY, INIT, FORMAT, CHECKSUM",
                        "ALTER DATABASE [petri_img_clinic_v3] SET OFFLINE WITH ROLLBACK IMMEDIATE"),
                SqlServerSql.sealAsImage("petri_img_clinic_v3",
                        SqlServerSql.imageBackupPath("/var/opt/mssql/backup", "petri_img_clinic_v3")));
    }

    @Test
    void readsTheFileListOfABackup() {
        assertEquals("RESTORE FILELISTONLY FROM DISK = N'/var/opt/mssql/backup/prod''s.bak'",
                SqlServerSql.restoreFileListOnly("/var/opt/mssql/backup/prod's.bak"));
        assertEquals("RESTORE HEADERONLY FROM DISK = N'/b/prod.bak'", SqlServerSql.restoreHeaderOnly("/b/prod.bak"));
    }

    @Test
    void restoresWithMoveEveryLogicalFileUnderTheTargetsName() {
        List<DbFile> files = List.of(new DbFile("Clinic", 'D', 1), new DbFile("Clinic_log", 'L', 2),
                new DbFile("Clinic_archive", 'D', 3));
        assertEquals("RESTORE DATABASE [petri_env_a1] FROM DISK = N'/var/opt/mssql/backup/petri_img_clinic_v3.bak'"
                        + " WITH RECOVERY, MOVE N'Clinic' TO N'/var/opt/mssql/data/petri_env_a1_1.mdf',"
                        + " MOVE N'Clinic_log' TO N'/var/opt/mssql/log/petri_env_a1_2.ldf',"
                        + " MOVE N'Clinic_archive' TO N'/var/opt/mssql/data/petri_env_a1_3.ndf'",
                SqlServerSql.restoreWithMove("/var/opt/mssql/backup/petri_img_clinic_v3.bak", "petri_env_a1", files,
                        "/var/opt/mssql/data/", "/var/opt/mssql/log"));
    }

    @Test
    void restoresIntoWindowsDirectoriesWithBackslashes() {
        assertEquals("RESTORE DATABASE [petri_env_a1] FROM DISK = N'D:\\Backup\\x.bak' WITH RECOVERY,"
                        + " MOVE N'x''data' TO N'D:\\Data\\petri_env_a1_1.mdf'",
                SqlServerSql.restoreWithMove("D:\\Backup\\x.bak", "petri_env_a1", List.of(new DbFile("x'data", 'D', 1)),
                        "D:\\Data", "D:\\Log"));
    }

    @Test
    void refusesFullTextAndFilestreamFilesAndEmptyBackups() {
        assertThrows(IllegalArgumentException.class, () -> new DbFile("ft", 'F', 3));
        assertThrows(IllegalArgumentException.class, () -> new DbFile("fs", 'S', 4));
        assertThrows(IllegalArgumentException.class,
                () -> SqlServerSql.restoreWithMove("/b/x.bak", "petri_env_a1", List.of(), "/d", "/l"));
    }

    @Test
    void attachesClonedDataAndLogFiles() {
        assertEquals("CREATE DATABASE [petri_env_a1] ON (FILENAME = N'/var/opt/mssql/data/petri_env_a1_1.mdf'),"
                        + " (FILENAME = N'/var/opt/mssql/data/petri_env_a1_3.ndf')"
                        + " LOG ON (FILENAME = N'/var/opt/mssql/data/petri_env_a1_2.ldf') FOR ATTACH",
                SqlServerSql.attach("petri_env_a1",
                        List.of("/var/opt/mssql/data/petri_env_a1_1.mdf", "/var/opt/mssql/data/petri_env_a1_3.ndf"),
                        List.of("/var/opt/mssql/data/petri_env_a1_2.ldf")));
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.attach("petri_env_a1", List.of(), List.of()));
    }

    @Test
    void opensAFreshCloneForWriting() {
        assertEquals(List.of("ALTER DATABASE [petri_env_a1] SET READ_WRITE WITH ROLLBACK IMMEDIATE",
                        "ALTER DATABASE [petri_env_a1] SET MULTI_USER", "ALTER DATABASE [petri_env_a1] SET RECOVERY SIMPLE"),
                SqlServerSql.openClone("petri_env_a1"));
    }

    @Test
    void createsALoginThatIsDbOwnerOfItsOwnDatabaseOnly() {
        assertEquals("CREATE LOGIN [petri_u_a1] WITH PASSWORD = N'Secret123456789', DEFAULT_DATABASE = [petri_env_a1],"
                        + " CHECK_POLICY = OFF, CHECK_EXPIRATION = OFF",
                SqlServerSql.createLogin("petri_u_a1", "Secret123456789", "petri_env_a1"));
        assertEquals(List.of("CREATE USER [petri_u_a1] FOR LOGIN [petri_u_a1]",
                        "ALTER ROLE [db_owner] ADD MEMBER [petri_u_a1]"),
                SqlServerSql.createOwnerUser("petri_u_a1"));
    }

    @Test
    void refusesPasswordsThatAreShortOrWouldNeedEscaping() {
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.createLogin("petri_u_a1", "short1", "petri_env_a1"));
        assertThrows(IllegalArgumentException.class,
                () -> SqlServerSql.createLogin("petri_u_a1", "Secret12345'; DROP LOGIN sa; --", "petri_env_a1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SqlServerSql.createLogin("petri_u_a1", "Secret 12345 6789", "petri_env_a1"));
        assertFalse(e.getMessage().contains("Secret"), "the refused password is not echoed");
    }

    @Test
    void dropsALoginAfterDisablingItAndKillingItsSessions() {
        assertEquals("IF SUSER_ID(N'petri_u_a1') IS NOT NULL BEGIN ALTER LOGIN [petri_u_a1] DISABLE;"
                        + " DECLARE @kill nvarchar(max) = (SELECT STRING_AGG(CONCAT(N'KILL ', session_id), N'; ')"
                        + " FROM sys.dm_exec_sessions WHERE login_name = N'petri_u_a1' AND session_id <> @@SPID);"
                        + " IF @kill IS NOT NULL EXEC (@kill); DROP LOGIN [petri_u_a1]; END",
                SqlServerSql.dropLogin("petri_u_a1"));
    }

    @Test
    void disablingALoginKillsItsSessionsButKeepsIt() {
        assertEquals("IF SUSER_ID(N'petri_u_a1') IS NOT NULL BEGIN ALTER LOGIN [petri_u_a1] DISABLE;"
                        + " DECLARE @kill nvarchar(max) = (SELECT STRING_AGG(CONCAT(N'KILL ', session_id), N'; ')"
                        + " FROM sys.dm_exec_sessions WHERE login_name = N'petri_u_a1' AND session_id <> @@SPID);"
                        + " IF @kill IS NOT NULL EXEC (@kill); END",
                SqlServerSql.disableLogin("petri_u_a1"));
    }

    @Test
    void handsSchemasToDboBeforeDroppingForeignUsers() {
        assertEquals(List.of("ALTER AUTHORIZATION ON SCHEMA::[reporting] TO [dbo]", "DROP USER [app]",
                        "DROP USER [CORP\\alice]"),
                SqlServerSql.dropForeignUsers(List.of("app", "CORP\\alice"), List.of("reporting")));
    }

    @Test
    void escapesLikeWildcardsInDatabasePrefixes() {
        assertEquals("petri\\_env\\_%", SqlServerSql.likePrefix("petri_env_"));
        assertEquals("a\\%b\\[c%", SqlServerSql.likePrefix("a%b[c"));
    }

    @Test
    void joinsServerPathsWithTheDirectorysSeparator() {
        assertEquals("/var/opt/mssql/backup/x.bak", SqlServerSql.joinPath("/var/opt/mssql/backup", "x.bak"));
        assertEquals("/var/opt/mssql/backup/x.bak", SqlServerSql.joinPath("/var/opt/mssql/backup/", "x.bak"));
        assertEquals("C:\\Backup\\x.bak", SqlServerSql.joinPath("C:\\Backup", "x.bak"));
    }

    @Test
    void redactsPasswordsFromStatementsAndUrls() {
        String statement = SqlServerSql.redact("Incorrect syntax near CREATE LOGIN [x] WITH PASSWORD = N'Secret''123456',"
                + " DEFAULT_DATABASE = [d]");
        assertFalse(statement.contains("Secret"), statement);
        assertTrue(statement.contains("DEFAULT_DATABASE = [d]"), statement);
        String url = SqlServerSql.redact("jdbc:sqlserver://h:1433;user=sa;password=Sup3rSecret;encrypt=true");
        assertEquals("jdbc:sqlserver://h:1433;user=sa;password=***;encrypt=true", url);
        String braced = SqlServerSql.redact("jdbc:sqlserver://h;password={Sup;er}}Secret};encrypt=true");
        assertEquals("jdbc:sqlserver://h;password=***;encrypt=true", braced);
    }

    @Test
    void aMarkerIsTheDatabasesExtendedPropertyReplacedWhenItHasOneAlready() {
        assertEquals("IF EXISTS (SELECT CAST(value AS nvarchar(400)) FROM sys.extended_properties WHERE class = 0"
                + " AND name = N'petri') EXEC sys.sp_updateextendedproperty @name = N'petri', @value = N'petri:member:ab-1'"
                + " ELSE EXEC sys.sp_addextendedproperty @name = N'petri', @value = N'petri:member:ab-1'",
                SqlServerSql.markDatabase("petri:member:ab-1"));
        assertEquals("SELECT CAST(value AS nvarchar(400)) FROM sys.extended_properties WHERE class = 0 AND name = N'petri'",
                SqlServerSql.markerQuery());
    }

    @Test
    void refusesMarkersThatAreNotPlainWords() {
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.markDatabase("petri:x'; DROP DATABASE master; --"));
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.markDatabase(""));
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.markDatabase(null));
        assertThrows(IllegalArgumentException.class, () -> SqlServerSql.markDatabase("Petri:Member"));
    }
}
