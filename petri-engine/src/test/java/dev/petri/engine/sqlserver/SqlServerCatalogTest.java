package dev.petri.engine.sqlserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.engine.sqlserver.SqlServerCatalog.BulkCopyPlan;
import dev.petri.engine.sqlserver.SqlServerCatalog.Check;
import dev.petri.engine.sqlserver.SqlServerCatalog.Column;
import dev.petri.engine.sqlserver.SqlServerCatalog.ForeignKey;
import dev.petri.engine.sqlserver.SqlServerCatalog.Index;
import dev.petri.engine.sqlserver.SqlServerCatalog.Module;
import dev.petri.engine.sqlserver.SqlServerCatalog.Sequence;
import dev.petri.engine.sqlserver.SqlServerCatalog.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SqlServerCatalogTest {

    private static Column identity(String name) {
        return new Column(name, "bigint", 8, 19, 0, false, true, "1", "1", null, false, null, null, null);
    }

    private static Column computed(String name, String expression, boolean persisted) {
        return new Column(name, "decimal", 17, 38, 6, false, false, null, null, expression, persisted, null, null, null);
    }

    @Test
    void rendersIdentityColumnsWithTheirSeedAndIncrement() {
        assertEquals("[id] bigint IDENTITY(1, 1) NOT NULL", identity("id").ddl());
        Column odd = new Column("n", "int", 4, 10, 0, false, true, "1000", "-5", null, false, null, null, null);
        assertEquals("[n] int IDENTITY(1000, -5) NOT NULL", odd.ddl());
        Column hostile = new Column("n", "int", 4, 10, 0, false, true, "1) DROP TABLE x --", "1", null, false, null,
                null, null);
        assertThrows(NumberFormatException.class, hostile::ddl);
    }

    @Test
    void rendersComputedColumnsAndLeavesThemOutOfTheBulkCopy() {
        assertEquals("[gross] AS ([total]*(1.2)) PERSISTED NOT NULL", computed("gross", "([total]*(1.2))", true).ddl());
        assertEquals("[gross] AS ([total]*(1.2))", computed("gross", "([total]*(1.2))", false).ddl());
        assertFalse(computed("gross", "([total]*(1.2))", true).copied());
    }

    @Test
    void rendersRowversionAsFilledByTheServer() {
        Column version = Column.plain("ver", "timestamp", 8, 0, 0, false);
        assertEquals("[ver] rowversion", version.ddl());
        assertFalse(version.copied());
    }

    @Test
    void rendersTypesWithLengthPrecisionAndScale() {
        assertEquals("nvarchar(120)", Column.plain("c", "nvarchar", 240, 0, 0, true).typeSql());
        assertEquals("nvarchar(max)", Column.plain("c", "nvarchar", -1, 0, 0, true).typeSql());
        assertEquals("varchar(max)", Column.plain("c", "varchar", -1, 0, 0, true).typeSql());
        assertEquals("char(11)", Column.plain("c", "char", 11, 0, 0, true).typeSql());
        assertEquals("varbinary(16)", Column.plain("c", "varbinary", 16, 0, 0, true).typeSql());
        assertEquals("decimal(10, 2)", Column.plain("c", "decimal", 9, 10, 2, true).typeSql());
        assertEquals("datetime2(3)", Column.plain("c", "datetime2", 7, 23, 3, true).typeSql());
        assertEquals("datetimeoffset(7)", Column.plain("c", "datetimeoffset", 10, 34, 7, true).typeSql());
        assertEquals("float(53)", Column.plain("c", "float", 8, 53, 0, true).typeSql());
        assertEquals("uniqueidentifier", Column.plain("c", "uniqueidentifier", 16, 0, 0, true).typeSql());
        assertEquals("[Odd Type]", Column.plain("c", "Odd Type", 16, 0, 0, true).typeSql());
    }

    @Test
    void rendersCollationsAndNamedDefaults() {
        Column email = new Column("email", "varchar", 120, 0, 0, false, false, null, null, null, false, null, null,
                "SQL_Latin1_General_CP1_CS_AS");
        assertEquals("[email] varchar(120) COLLATE SQL_Latin1_General_CP1_CS_AS NOT NULL", email.ddl());
        Column created = new Column("created_at", "datetime2", 8, 27, 3, false, false, null, null, null, false,
                "DF_customers_created_at", "(sysutcdatetime())", null);
        assertEquals("[created_at] datetime2(3) NOT NULL CONSTRAINT [DF_customers_created_at] DEFAULT (sysutcdatetime())",
                created.ddl());
        Column hostile = new Column("c", "varchar", 10, 0, 0, true, false, null, null, null, false, null, null,
                "Latin1 NOT NULL; DROP TABLE x");
        assertThrows(IllegalArgumentException.class, hostile::ddl);
    }

    @Test
    void createsTablesWithoutKeysAndPlansABulkCopyOfStoredColumns() {
        Table payments = new Table("dbo", "payments", 900, List.of(identity("id"),
                Column.plain("card_number", "varchar", 19, 0, 0, false),
                computed("card_last4", "(right([card_number],(4)))", false),
                Column.plain("ref_code", "varchar", 32, 0, 0, true)));
        assertEquals("CREATE TABLE [dbo].[payments] ([id] bigint IDENTITY(1, 1) NOT NULL, [card_number] varchar(19) NOT NULL,"
                + " [card_last4] AS (right([card_number],(4))), [ref_code] varchar(32) NULL)", payments.createSql());
        assertEquals(new BulkCopyPlan("SELECT [id], [card_number], [ref_code] FROM [dbo].[payments]", "[dbo].[payments]",
                List.of("id", "card_number", "ref_code"), true), payments.bulkCopyPlan());
    }

    @Test
    void copiesAMixedCaseTableWithoutPrimaryKeyInAnotherSchema() {
        Table leads = new Table("crm", "Leads", 30, List.of(Column.plain("LeadSource", "varchar", 20, 0, 0, true),
                Column.plain("E]Mail", "nvarchar", 240, 0, 0, true)));
        assertEquals("CREATE TABLE [crm].[Leads] ([LeadSource] varchar(20) NULL, [E]]Mail] nvarchar(120) NULL)",
                leads.createSql());
        assertEquals(new BulkCopyPlan("SELECT [LeadSource], [E]]Mail] FROM [crm].[Leads]", "[crm].[Leads]",
                List.of("LeadSource", "E]Mail"), false), leads.bulkCopyPlan());
    }

    @Test
    void buildsPrimaryKeysUniqueConstraintsAndIndexesClusteredFirst() {
        Index pk = new Index("dbo", "customers", "PK_customers", true, true, false, true, null, List.of("id"),
                List.of(false), List.of());
        Index uq = new Index("dbo", "customers", "UQ_customers_email", false, false, true, true, null, List.of("email"),
                List.of(false), List.of());
        Index idx = new Index("dbo", "orders", "orders_customer_idx", false, false, false, false, "([status]<>'CANCELLED')",
                List.of("customer_id", "ordered_at"), List.of(false, true), List.of("total"));
        Index heapCluster = new Index("crm", "Leads", "CIX_Leads", true, false, false, false, null, List.of("EMail"),
                List.of(false), List.of());
        assertEquals("ALTER TABLE [dbo].[customers] ADD CONSTRAINT [PK_customers] PRIMARY KEY CLUSTERED ([id] ASC)",
                pk.createSql());
        assertEquals("ALTER TABLE [dbo].[customers] ADD CONSTRAINT [UQ_customers_email] UNIQUE NONCLUSTERED ([email] ASC)",
                uq.createSql());
        assertEquals("CREATE NONCLUSTERED INDEX [orders_customer_idx] ON [dbo].[orders] ([customer_id] ASC,"
                + " [ordered_at] DESC) INCLUDE ([total]) WHERE ([status]<>'CANCELLED')", idx.createSql());
        assertEquals("CREATE CLUSTERED INDEX [CIX_Leads] ON [crm].[Leads] ([EMail] ASC)", heapCluster.createSql());
        List<Index> order = new ArrayList<>(List.of(idx, uq, heapCluster, pk));
        order.sort((a, b) -> Integer.compare(a.buildOrder(), b.buildOrder()));
        assertEquals(List.of(pk, heapCluster, uq, idx), order);
    }

    @Test
    void buildsForeignKeysWithTheirActionsTrustAndState() {
        ForeignKey fk = new ForeignKey("dbo", "orders", "FK_orders_customers", "dbo", "customers", "CASCADE", "NO_ACTION",
                true, false, List.of("customer_id"), List.of("id"));
        assertEquals(List.of("ALTER TABLE [dbo].[orders] WITH CHECK ADD CONSTRAINT [FK_orders_customers] FOREIGN KEY"
                + " ([customer_id]) REFERENCES [dbo].[customers] ([id]) ON DELETE CASCADE ON UPDATE NO ACTION"), fk.createSql());
        ForeignKey loose = new ForeignKey("s", "a", "fk", "t", "b", "SET_NULL", "SET_DEFAULT", false, true,
                List.of("x", "y"), List.of("p", "q"));
        assertEquals(List.of("ALTER TABLE [s].[a] WITH NOCHECK ADD CONSTRAINT [fk] FOREIGN KEY ([x], [y]) REFERENCES"
                        + " [t].[b] ([p], [q]) ON DELETE SET NULL ON UPDATE SET DEFAULT",
                "ALTER TABLE [s].[a] NOCHECK CONSTRAINT [fk]"), loose.createSql());
    }

    @Test
    void buildsCheckConstraints() {
        Check check = new Check("dbo", "orders", "CK_orders_status", "([status]='NEW' OR [status]='PAID')", true, false);
        assertEquals(List.of("ALTER TABLE [dbo].[orders] WITH CHECK ADD CONSTRAINT [CK_orders_status] CHECK"
                + " ([status]='NEW' OR [status]='PAID')"), check.createSql());
        Check disabled = new Check("dbo", "orders", "ck", "([total]>(0))", false, true);
        assertEquals(2, disabled.createSql().size());
        assertTrue(disabled.createSql().get(0).contains(" WITH NOCHECK ADD CONSTRAINT "));
    }

    @Test
    void reseedsIdentitiesToWhereTheSourceStands() {
        assertEquals("DBCC CHECKIDENT (N'[dbo].[customers]', RESEED, 300)",
                SqlServerCatalog.reseedIdentity("dbo", "customers", "300"));
        assertEquals("DBCC CHECKIDENT (N'[crm].[O''Brien]]s]', RESEED, 7)",
                SqlServerCatalog.reseedIdentity("crm", "O'Brien]s", "7"));
        assertThrows(NumberFormatException.class, () -> SqlServerCatalog.reseedIdentity("dbo", "t", "1); DROP TABLE t; --"));
    }

    @Test
    void continuesSequencesWhereTheSourceStands() {
        Sequence used = new Sequence("dbo", "invoice_no", "bigint", 19, 0, "1", "1", "1", "9223372036854775807",
                false, true, 50, "41", "41");
        assertEquals("CREATE SEQUENCE [dbo].[invoice_no] AS bigint START WITH 42 INCREMENT BY 1 MINVALUE 1"
                + " MAXVALUE 9223372036854775807 NO CYCLE CACHE 50", used.createSql());
        Sequence fresh = new Sequence("dbo", "s", "decimal", 12, 0, "100", "10", "100", "999999999999", true, false,
                null, "100", null);
        assertEquals("CREATE SEQUENCE [dbo].[s] AS decimal(12, 0) START WITH 100 INCREMENT BY 10 MINVALUE 100"
                + " MAXVALUE 999999999999 CYCLE NO CACHE", fresh.createSql());
        Sequence full = new Sequence("dbo", "s", "int", 10, 0, "1", "1", "1", "10", true, true, null, "10", "10");
        assertEquals("1", full.nextValue(), "a cycling sequence at its maximum restarts at its minimum");
    }

    @Test
    void runsModulesUnderTheSettingsTheyWereCreatedWith() {
        Module view = new Module("V", "dbo", "customer_order_totals", "CREATE VIEW ...", true, false);
        assertEquals("SET ANSI_NULLS ON; SET QUOTED_IDENTIFIER OFF", view.sessionSettings());
        assertEquals("view dbo.customer_order_totals", view.label());
        assertEquals("function dbo.f", new Module("IF", "dbo", "f", "x", true, true).label());
    }

    @Test
    void everyCatalogQueryOnlyReadsTheSource() {
        for (String sql : List.of(SqlServerCatalog.SCHEMAS_QUERY, SqlServerCatalog.TABLES_QUERY,
                SqlServerCatalog.COLUMNS_QUERY, SqlServerCatalog.SEQUENCES_QUERY, SqlServerCatalog.INDEXES_QUERY,
                SqlServerCatalog.SKIPPED_INDEXES_QUERY, SqlServerCatalog.FOREIGN_KEYS_QUERY, SqlServerCatalog.CHECKS_QUERY,
                SqlServerCatalog.IDENTITY_SEEDS_QUERY, SqlServerCatalog.MODULES_QUERY,
                SqlServerCatalog.SNAPSHOT_STATE_QUERY)) {
            String upper = sql.toUpperCase(Locale.ROOT);
            assertTrue(upper.startsWith("SELECT "), sql);
            for (String verb : List.of("INSERT ", "UPDATE ", "DELETE ", "MERGE ", "EXEC", "ALTER ", "CREATE ", "DROP ",
                    " INTO ")) {
                assertFalse(upper.contains(verb), verb + " in " + sql);
            }
        }
    }

    @Test
    void readsSchemasAndSnapshotStateFromTheSysViews() {
        assertEquals("SELECT s.name FROM sys.schemas s WHERE s.schema_id > 4 AND s.schema_id < 16384 ORDER BY s.name",
                SqlServerCatalog.SCHEMAS_QUERY);
        assertEquals("SELECT snapshot_isolation_state, is_read_committed_snapshot_on FROM sys.databases"
                + " WHERE database_id = DB_ID()", SqlServerCatalog.SNAPSHOT_STATE_QUERY);
        assertEquals("SELECT t.object_id, s.name, t.name, (SELECT COALESCE(SUM(p.rows), 0) FROM sys.partitions p"
                + " WHERE p.object_id = t.object_id AND p.index_id IN (0, 1)) FROM sys.tables t JOIN sys.schemas s"
                + " ON s.schema_id = t.schema_id WHERE t.is_ms_shipped = 0 AND t.is_external = 0 AND t.is_filetable = 0"
                + " AND t.temporal_type <> 1 AND t.is_node = 0 AND t.is_edge = 0 ORDER BY s.name, t.name",
                SqlServerCatalog.TABLES_QUERY);
        assertTrue(SqlServerCatalog.COLUMNS_QUERY.contains("LEFT JOIN sys.identity_columns ic"));
        assertTrue(SqlServerCatalog.COLUMNS_QUERY.contains("LEFT JOIN sys.computed_columns cc"));
        assertTrue(SqlServerCatalog.INDEXES_QUERY.contains("i.type IN (1, 2) AND i.is_hypothetical = 0"));
    }
}
