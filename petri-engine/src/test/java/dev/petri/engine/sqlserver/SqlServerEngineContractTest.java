package dev.petri.engine.sqlserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.engine.CopyProgress;
import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.DatabaseEngineContract;
import dev.petri.engine.DbNames;
import dev.petri.engine.EngineHost;
import dev.petri.engine.SourceConnection;
import dev.petri.engine.StagedCopy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The engine contract against a real SQL Server named by {@code PETRI_MSSQL_URL} (a JDBC URL with an
 * administrative user and password); it builds its own demo source database and read-only login there
 * and removes them afterwards.
 */
@EnabledIfEnvironmentVariable(named = "PETRI_MSSQL_URL", matches = "jdbc:sqlserver:.+")
class SqlServerEngineContractTest extends DatabaseEngineContract {

    private static SqlServerEngine engine;
    private static SourceConnection source;
    private static String sourceDatabase;
    private static String reader;

    @BeforeAll
    static void createDemoSource() throws SQLException {
        String url = System.getenv("PETRI_MSSQL_URL");
        String user = SqlServerUrls.property(url, "user") != null ? SqlServerUrls.property(url, "user")
                : SqlServerUrls.property(url, "userName");
        String clean = SqlServerUrls.withoutCredentials(url);
        engine = new SqlServerEngine(new EngineHost("mssql-contract", "sqlserver", clean, user,
                SqlServerUrls.property(url, "password"), SqlServerUrls.host(url), SqlServerUrls.port(url), 100),
                SqlServerOptions.fromEnvironment(System.getenv()));
        String suffix = unique();
        sourceDatabase = "contract_source_" + suffix;
        reader = "contract_reader_" + suffix;
        String readerPassword = "Reader" + suffix;
        engine.execute("master", List.of("CREATE DATABASE " + SqlServerSql.quote(sourceDatabase),
                "ALTER DATABASE " + SqlServerSql.quote(sourceDatabase) + " SET ALLOW_SNAPSHOT_ISOLATION ON",
                "CREATE LOGIN " + SqlServerSql.quote(reader) + " WITH PASSWORD = " + SqlServerSql.literal(readerPassword)
                        + ", DEFAULT_DATABASE = " + SqlServerSql.quote(sourceDatabase) + ", CHECK_POLICY = OFF"));
        try (Connection c = engine.connect(sourceDatabase)) {
            SqlServerDemoDatabase.create(c, 300, 7);
        }
        engine.execute(sourceDatabase, List.of(
                "CREATE USER " + SqlServerSql.quote(reader) + " FOR LOGIN " + SqlServerSql.quote(reader),
                "ALTER ROLE db_datareader ADD MEMBER " + SqlServerSql.quote(reader),
                "GRANT VIEW DEFINITION TO " + SqlServerSql.quote(reader)));
        source = new SourceConnection(SqlServerUrls.withDatabase(clean, sourceDatabase), reader, readerPassword);
    }

    @AfterAll
    static void dropDemoSource() {
        if (engine != null) {
            engine.dropLogin(reader);
            engine.dropDatabase(sourceDatabase);
        }
    }

    @Override
    protected DatabaseEngine engine() {
        return engine;
    }

    @Override
    protected SourceConnection demoSource() {
        return source;
    }

    @Override
    protected boolean isUniqueViolation(SQLException e) {
        return e.getErrorCode() == 2627 || e.getErrorCode() == 2601;
    }

    @Test
    void copiesComputedColumnsMixedCaseTablesWithoutKeysAndIdentities() throws SQLException {
        String staging = DbNames.staging("mssql" + unique(), 1);
        try {
            StagedCopy copy = engine.stageFrom(source, staging, CopyProgress.none());
            assertEquals(6, copy.tables());
            assertEquals(scalar(sourceDatabase, "SELECT COUNT(*) FROM crm.[Leads]"),
                    scalar(staging, "SELECT COUNT(*) FROM crm.[Leads]"));
            engine.finishStaging(source, staging);
            assertEquals(scalar(sourceDatabase, "SELECT COUNT(*) FROM dbo.payments WHERE card_last4 = RIGHT(card_number, 4)"),
                    scalar(staging, "SELECT COUNT(*) FROM dbo.payments WHERE card_last4 = RIGHT(card_number, 4)"),
                    "the computed column is rebuilt, not copied");
            assertEquals(scalar(sourceDatabase, "SELECT IDENT_CURRENT('dbo.orders')"),
                    scalar(staging, "SELECT IDENT_CURRENT('dbo.orders')"), "identities continue where the source stands");
            assertEquals(0, scalar(staging, "SELECT COUNT(*) FROM sys.indexes WHERE object_id = OBJECT_ID('crm.Leads')"
                    + " AND index_id > 0"), "the table without a key stays a heap");
            assertEquals(1, scalar(staging, "SELECT COUNT(*) FROM sys.check_constraints WHERE name = 'CK_orders_status'"));
            SQLException orphan = assertThrows(SQLException.class, () -> update(staging,
                    "INSERT INTO dbo.orders (customer_id, ordered_at, status, total) VALUES (-1, SYSDATETIME(), 'NEW', 1)"));
            assertEquals(547, orphan.getErrorCode(), "the foreign key holds");
        } finally {
            engine.dropDatabase(staging);
        }
    }

    @Test
    void neverWritesToTheSource() throws SQLException {
        long before = scalar(sourceDatabase, "SELECT COUNT(*) FROM sys.objects");
        long modified = scalar(sourceDatabase, "SELECT COUNT(*) FROM sys.dm_db_index_usage_stats"
                + " WHERE database_id = DB_ID() AND user_updates > 0");
        String staging = DbNames.staging("ro" + unique(), 1);
        try {
            engine.stageFrom(source, staging, CopyProgress.none());
            engine.finishStaging(source, staging);
        } finally {
            engine.dropDatabase(staging);
        }
        assertEquals(before, scalar(sourceDatabase, "SELECT COUNT(*) FROM sys.objects"));
        assertEquals(modified, scalar(sourceDatabase, "SELECT COUNT(*) FROM sys.dm_db_index_usage_stats"
                + " WHERE database_id = DB_ID() AND user_updates > 0"));
    }

    @Test
    void stagesABackupFileAndDropsItsDatabaseUsers() throws SQLException {
        String backup = SqlServerSql.joinPath(engine.options().backupDirectory(), sourceDatabase + ".bak");
        engine.execute("master", List.of("BACKUP DATABASE " + SqlServerSql.quote(sourceDatabase) + " TO DISK = "
                + SqlServerSql.literal(backup) + " WITH COPY_ONLY, INIT, FORMAT"));
        String staging = DbNames.staging("bak" + unique(), 1);
        try {
            StagedCopy copy = engine.stageFromBackup(backup, staging);
            assertEquals(6, copy.tables());
            assertEquals(scalar(sourceDatabase, "SELECT COUNT(*) FROM dbo.customers"),
                    scalar(staging, "SELECT COUNT(*) FROM dbo.customers"));
            assertEquals(0, scalar(staging, "SELECT COUNT(*) FROM sys.database_principals WHERE name = '" + reader + "'"),
                    "users of the source do not come along");
        } finally {
            engine.dropDatabase(staging);
        }
    }

    @Test
    void masksAColumnWithTheDialectsMappingTable() throws SQLException {
        String staging = DbNames.staging("mask" + unique(), 1);
        try {
            engine.stageFrom(source, staging, CopyProgress.none());
            SqlServerDialect.WorkTable map = SqlServerDialect.WorkTable.temporary("#petri_map_email");
            try (Connection c = engine.connect(staging); Statement st = c.createStatement()) {
                st.execute(SqlServerDialect.createMappingTable(map, "varchar(120)", null));
                List<Object[]> pairs = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(SqlServerDialect.distinctValues("crm", "Leads", "EMail"))) {
                    int n = 0;
                    while (rs.next()) {
                        pairs.add(new Object[] {rs.getString(1), "lead" + n++ + "@example.org"});
                    }
                }
                assertEquals(pairs.size(), SqlServerDialect.bulkCopyMapping(c, map, 120, pairs.iterator()));
                assertEquals(pairs.size(), st.executeUpdate(SqlServerDialect.maskColumn("crm", "Leads", "EMail", map)));
                SqlServerDialect.WorkTable values = SqlServerDialect.WorkTable.temporary("#petri_leak_values");
                st.execute(SqlServerDialect.createValuesTable(values, "varchar(120)", null));
                st.execute("INSERT INTO #petri_leak_values ([value]) SELECT [original] FROM #petri_map_email");
                try (ResultSet rs = st.executeQuery(SqlServerDialect.countExactLeaks("crm", "Leads", "EMail", values))) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), "no original email survives");
                }
                try (ResultSet rs = st.executeQuery(SqlServerDialect.countContainedLeaks("dbo", "support_notes", "body",
                        values, 5))) {
                    rs.next();
                    assertTrue(rs.getLong(1) > 0, "the leak scan finds lead emails still inside support notes");
                }
            }
        } finally {
            engine.dropDatabase(staging);
        }
    }

    private static void update(String database, String sql) throws SQLException {
        try (Connection c = engine.connect(database); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    private static long scalar(String database, String sql) throws SQLException {
        try (Connection c = engine.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
