package dev.petri.engine.sqlserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.petri.engine.CloneMethod;
import dev.petri.engine.CopyProgress;
import dev.petri.engine.DbNames;
import dev.petri.engine.EngineException;
import dev.petri.engine.EngineHost;
import dev.petri.engine.Engines;
import dev.petri.engine.SourceConnection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The adapter's behaviour that needs no server: names, URLs, clone method without local files, errors. */
class SqlServerEngineTest {

    private static final String NOWHERE = "jdbc:sqlserver://127.0.0.1:1;loginTimeout=1;encrypt=false";

    private final SqlServerEngine engine = new SqlServerEngine(
            new EngineHost("mssql-1", "sqlserver", NOWHERE, "sa", "AdminSecret123", "db.example.org", 14333, 50),
            SqlServerOptions.defaults());

    @Test
    void isTheAdapterForSqlServerHosts() {
        EngineHost host = new EngineHost("h", "mssql", NOWHERE, "sa", "x", "h", 1433, 1);
        assertEquals("sqlserver", Engines.forHost(host).kind());
    }

    @Test
    void givesDevelopersAUrlForTheirDatabaseWithoutCredentials() {
        assertEquals("jdbc:sqlserver://db.example.org:14333;databaseName=petri_env_a1;encrypt=true;"
                + "trustServerCertificate=true", engine.publicJdbcUrl("petri_env_a1"));
        assertThrows(IllegalArgumentException.class, () -> engine.publicJdbcUrl("x;password=y"));
    }

    @Test
    void givesPetrisServicesTheAdministrativeAddressWithoutItsCredentials() {
        SqlServerEngine inCompose = new SqlServerEngine(new EngineHost("mssql-1", "sqlserver",
                "jdbc:sqlserver://mssql:1433;databaseName=master;user=sa;password={Se;cret}}1};encrypt=false", "sa",
                "AdminSecret123", "db.example.org", 14333, 50), SqlServerOptions.defaults());
        assertEquals("jdbc:sqlserver://mssql:1433;encrypt=false;databaseName=petri_env_a1",
                inCompose.internalJdbcUrl("petri_env_a1"), "the service network's address, not the developers'");
        assertThrows(IllegalArgumentException.class, () -> inCompose.internalJdbcUrl("x;user=sa"));
    }

    @Test
    void restoresFromBackupsWhenPetriCannotSeeTheDataFiles() {
        assertEquals(CloneMethod.BACKUP_RESTORE, engine.detectCloneMethod());
    }

    @Test
    void refusesUnsafeNamesBeforeTalkingToTheServer() {
        assertThrows(IllegalArgumentException.class, () -> engine.dropDatabase("x; DROP DATABASE master"));
        assertThrows(IllegalArgumentException.class, () -> engine.createPrivateDatabase("Robert'); --"));
        assertThrows(IllegalArgumentException.class, () -> engine.cloneDatabase("petri_img_a_v1", "B]; --"));
        assertThrows(IllegalArgumentException.class, () -> engine.dropLogin("sa'--"));
        assertThrows(IllegalArgumentException.class,
                () -> engine.createOwnerLogin("petri_env_a1", "petri_u_a1", "weak'pass"));
    }

    @Test
    void reportsAnUnreachableSourceWithoutItsPassword() {
        SourceConnection source = new SourceConnection(NOWHERE + ";password=UrlSecret99", "reader", "hunter2-secret");
        EngineException error = assertThrows(EngineException.class,
                () -> engine.stageFrom(source, DbNames.staging("x", 1), CopyProgress.none()));
        assertEquals("source-unreachable", error.kind());
        assertFalse(error.getMessage().contains("hunter2-secret"), error.getMessage());
        assertFalse(error.getMessage().contains("UrlSecret99"), error.getMessage());
    }

    @Test
    void mapsLoginFailuresToAuthenticationErrors() {
        SourceConnection source = new SourceConnection("jdbc:sqlserver://h;databaseName=prod", "reader", "pw");
        SQLException loginFailed = new SQLException("Login failed for user 'reader'.", "S0001", 18456);
        assertEquals("source-authentication", SqlServerStagingCopier.sourceError(source, loginFailed).kind());
        SQLException noDatabase = new SQLException("Cannot open database \"prod\"", "S0001", 4060);
        assertEquals("source-missing", SqlServerStagingCopier.sourceError(source, noDatabase).kind());
    }

    @Test
    void keepsPasswordsOutOfTheCauseChain() {
        SQLException raw = new SQLException("near CREATE LOGIN [u] WITH PASSWORD = N'Secret123456'", "42000", 102);
        SQLException copy = SqlServerEngine.redacted(raw);
        assertFalse(copy.getMessage().contains("Secret123456"));
        assertEquals(102, copy.getErrorCode());
        assertEquals("42000", copy.getSQLState());
    }
}
