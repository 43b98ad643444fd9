package dev.petri.masking;

import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.EngineHost;
import dev.petri.engine.SourceConnection;
import dev.petri.engine.sqlserver.SqlServerDemoDatabase;
import dev.petri.engine.sqlserver.SqlServerEngine;
import dev.petri.engine.sqlserver.SqlServerOptions;
import dev.petri.engine.sqlserver.SqlServerSql;
import dev.petri.engine.sqlserver.SqlServerUrls;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The masking contract against a real SQL Server named by {@code PETRI_MSSQL_URL} (a JDBC URL with an
 * administrative user and password, as for {@code SqlServerEngineContractTest}): it builds the T-SQL
 * demo source ({@code SqlServerDemoDatabase}) and a read-only login there, and removes both afterwards.
 */
@EnabledIfEnvironmentVariable(named = "PETRI_MSSQL_URL", matches = "jdbc:sqlserver:.+")
class SqlServerMaskingPipelineIT extends MaskingPipelineContract {

    private SqlServerEngine engine;
    private String sourceDatabase;
    private String reader;

    @Override
    protected DatabaseEngine createEngine() {
        String url = System.getenv("PETRI_MSSQL_URL");
        String user = SqlServerUrls.property(url, "user") != null ? SqlServerUrls.property(url, "user")
                : SqlServerUrls.property(url, "userName");
        String clean = SqlServerUrls.withoutCredentials(url);
        engine = new SqlServerEngine(new EngineHost("mssql-masking", "sqlserver", clean, user,
                SqlServerUrls.property(url, "password"), SqlServerUrls.host(url), SqlServerUrls.port(url), 100),
                SqlServerOptions.fromEnvironment(System.getenv()));
        return engine;
    }

    @Override
    protected SourceConnection createSource(DatabaseEngine ignored) throws SQLException {
        String suffix = unique();
        sourceDatabase = "contract_masking_" + suffix;
        reader = "contract_masking_reader_" + suffix;
        String readerPassword = "Reader" + suffix + "x";
        try (Connection c = engine.connect("master"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + SqlServerSql.quote(sourceDatabase));
            st.execute("ALTER DATABASE " + SqlServerSql.quote(sourceDatabase) + " SET ALLOW_SNAPSHOT_ISOLATION ON");
            st.execute("CREATE LOGIN " + SqlServerSql.quote(reader) + " WITH PASSWORD = "
                    + SqlServerSql.literal(readerPassword) + ", DEFAULT_DATABASE = " + SqlServerSql.quote(sourceDatabase)
                    + ", CHECK_POLICY = OFF");
        }
        try (Connection c = engine.connect(sourceDatabase); Statement st = c.createStatement()) {
            SqlServerDemoDatabase.create(c, CUSTOMERS, 42);
            adjustDemo(c);
            st.execute("CREATE USER " + SqlServerSql.quote(reader) + " FOR LOGIN " + SqlServerSql.quote(reader));
            st.execute("ALTER ROLE db_datareader ADD MEMBER " + SqlServerSql.quote(reader));
            st.execute("GRANT VIEW DEFINITION TO " + SqlServerSql.quote(reader));
        }
        String clean = SqlServerUrls.withoutCredentials(System.getenv("PETRI_MSSQL_URL"));
        return new SourceConnection(SqlServerUrls.withDatabase(clean, sourceDatabase), reader, readerPassword);
    }

    @Override
    protected void dropSource() {
        if (engine != null && sourceDatabase != null) {
            engine.dropLogin(reader);
            engine.dropDatabase(sourceDatabase);
        }
    }

    @Override
    protected String defaultSchema() {
        return "dbo";
    }

    @Override
    protected String q(String identifier) {
        return SqlServerSql.quote(identifier);
    }

    @Override
    protected boolean isUniqueViolation(SQLException e) {
        return e.getErrorCode() == 2627 || e.getErrorCode() == 2601;
    }

    @Override
    protected boolean isCheckViolation(SQLException e) {
        return e.getErrorCode() == 547 && String.valueOf(e.getMessage()).contains("CHECK");
    }
}
