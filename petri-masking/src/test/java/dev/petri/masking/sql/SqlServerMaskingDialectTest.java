package dev.petri.masking.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.engine.sqlserver.SqlServerCatalog;
import dev.petri.masking.MaskingException;
import dev.petri.masking.catalog.ColumnInfo;
import dev.petri.masking.catalog.ConstraintInfo;
import dev.petri.masking.catalog.TableInfo;
import dev.petri.masking.rule.ValueKind;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** How the SQL Server dialect maps the engine's catalog and chooses a rewrite, without a server. */
class SqlServerMaskingDialectTest {

    private static SqlServerCatalog.Column column(String name, String type, int maxLength, boolean nullable,
                                                  boolean identity, String computed, String collation) {
        return new SqlServerCatalog.Column(name, type, maxLength, 0, 0, nullable, identity, identity ? "1" : null,
                identity ? "1" : null, computed, false, null, null, collation);
    }

    private static final SqlServerCatalog.Table PAYMENTS = new SqlServerCatalog.Table("dbo", "payments", 1200, List.of(
            column("id", "bigint", 8, false, true, null, null),
            column("card_number", "varchar", 19, false, false, null, "SQL_Latin1_General_CP1_CI_AS"),
            column("card_holder", "nvarchar", 200, false, false, null, "Latin1_General_100_CI_AS"),
            column("card_last4", "varchar", 4, true, false, "(right([card_number],(4)))", "SQL_Latin1_General_CP1_CI_AS"),
            column("version", "timestamp", 8, false, false, null, null)));

    private static final SqlServerCatalog.Table LEADS = new SqlServerCatalog.Table("crm", "Leads", 40, List.of(
            column("LeadId", "int", 4, false, true, null, null),
            column("FullName", "nvarchar", -1, true, false, null, "Latin1_General_100_CI_AS"),
            column("Seen]At", "datetime", 8, true, false, null, null)));

    @Test
    void describesColumnsInCharactersAndComputedAndRowversionColumnsAsGenerated() {
        TableInfo t = SqlServerMaskingDialect.tableInfo(PAYMENTS);
        assertEquals(1200, t.estimatedRows());
        assertEquals("varchar(19)", t.column("card_number").type());
        assertEquals(19, t.column("card_number").maxLength());
        assertEquals("nvarchar(100)", t.column("card_holder").type());
        assertEquals(100, t.column("card_holder").maxLength(), "nvarchar lengths are bytes in sys.columns");
        assertEquals(ValueKind.TEXT, t.column("card_holder").kind());
        assertTrue(t.column("card_last4").generated(), "a computed column is never rewritten");
        assertEquals(ValueKind.TEXT, t.column("card_last4").kind(), "but it is still scanned for leaks");
        assertTrue(t.column("version").generated());
        assertEquals(ValueKind.OTHER, t.column("version").kind(), "a rowversion is not a date");
        assertFalse(t.column("id").generated());
        assertTrue(t.column("id").notNull());
        assertEquals(0, SqlServerMaskingDialect.tableInfo(LEADS).column("FullName").maxLength(), "max is unbounded");
    }

    @Test
    void keepsKeysUniqueConstraintsTrustedForeignKeysAndChecksWithTheColumnsTheyName() {
        List<TableInfo> tables = List.of(SqlServerMaskingDialect.tableInfo(PAYMENTS),
                new TableInfo("dbo", "orders", List.of(new ColumnInfo("dbo", "orders", "status", "varchar(12)", 12, true,
                        false), new ColumnInfo("dbo", "orders", "total", "decimal(10, 2)", 0, true, false)), 10));
        List<SqlServerCatalog.Index> indexes = List.of(
                new SqlServerCatalog.Index("dbo", "payments", "PK_payments", true, true, false, true, null,
                        List.of("id"), List.of(false), List.of()),
                new SqlServerCatalog.Index("dbo", "payments", "UQ_card", false, false, true, true, null,
                        List.of("card_number"), List.of(false), List.of()),
                new SqlServerCatalog.Index("dbo", "payments", "UX_holder", false, false, false, true, null,
                        List.of("card_holder"), List.of(false), List.of()),
                new SqlServerCatalog.Index("dbo", "payments", "UX_filtered", false, false, false, true, "([id]>(0))",
                        List.of("card_last4"), List.of(false), List.of()),
                new SqlServerCatalog.Index("dbo", "payments", "IX_plain", false, false, false, false, null,
                        List.of("card_holder"), List.of(false), List.of()));
        List<SqlServerCatalog.ForeignKey> fks = List.of(
                new SqlServerCatalog.ForeignKey("dbo", "payments", "FK_ok", "dbo", "orders", "NO_ACTION", "NO_ACTION",
                        true, false, List.of("order_id"), List.of("id")),
                new SqlServerCatalog.ForeignKey("dbo", "payments", "FK_untrusted", "dbo", "orders", "NO_ACTION",
                        "NO_ACTION", false, false, List.of("order_id"), List.of("id")));
        List<SqlServerCatalog.Check> checks = List.of(
                new SqlServerCatalog.Check("dbo", "orders", "CK_status", "([status]='NEW' OR [status]='PAID')", true, false),
                new SqlServerCatalog.Check("dbo", "orders", "CK_off", "([total]>(0))", true, true));
        List<ConstraintInfo> kept = SqlServerMaskingDialect.constraints(indexes, fks, checks, tables);
        assertEquals(List.of("PK_payments", "UQ_card", "UX_holder", "FK_ok", "CK_status"),
                kept.stream().map(ConstraintInfo::name).toList());
        assertEquals(ConstraintInfo.Type.PRIMARY_KEY, kept.get(0).type());
        assertEquals(ConstraintInfo.Type.UNIQUE, kept.get(2).type(), "a unique index counts as unique");
        assertEquals(List.of("id"), kept.get(3).refColumns());
        assertEquals(List.of("status"), kept.get(4).columns());
        assertEquals("([status]='NEW' OR [status]='PAID')", kept.get(4).expression());
    }

    @Test
    void rewritesATableWithAPrimaryKeyByKeyReadingOnlyTheKeyAndTheMaskedColumns() {
        TableInfo t = SqlServerMaskingDialect.tableInfo(PAYMENTS);
        List<ColumnInfo> masked = List.of(t.column("card_number"), t.column("card_holder"));
        SqlServerMaskingDialect.Plan plan = SqlServerMaskingDialect.plan(t, masked, List.of("id"), PAYMENTS);
        assertTrue(plan.keyed());
        assertEquals(List.of("id", "card_number", "card_holder"), plan.read().stream().map(ColumnInfo::name).toList());
        assertArrayEquals(new int[] {1, 2}, plan.maskedAt());
        assertEquals(Arrays.asList(null, "SQL_Latin1_General_CP1_CI_AS", "Latin1_General_100_CI_AS"),
                SqlServerMaskingDialect.collations(plan.read(), PAYMENTS));
    }

    @Test
    void reloadsATableWithoutAPrimaryKeyKeepingItsIdentityAndSkippingNothingButGeneratedColumns() {
        TableInfo t = SqlServerMaskingDialect.tableInfo(LEADS);
        SqlServerMaskingDialect.Plan plan = SqlServerMaskingDialect.plan(t, List.of(t.column("FullName")), null, LEADS);
        assertFalse(plan.keyed());
        assertTrue(plan.identity(), "identity values are inserted with IDENTITY_INSERT");
        assertEquals(List.of("LeadId", "FullName", "Seen]At"), plan.read().stream().map(ColumnInfo::name).toList());
        assertArrayEquals(new int[] {1}, plan.maskedAt());

        TableInfo p = SqlServerMaskingDialect.tableInfo(PAYMENTS);
        SqlServerMaskingDialect.Plan identity = SqlServerMaskingDialect.plan(p, List.of(p.column("id")), List.of("id"),
                PAYMENTS);
        assertFalse(identity.keyed(), "an identity cannot be updated, so a masked identity reloads the table");
        assertEquals(List.of("id", "card_number", "card_holder"), identity.read().stream().map(ColumnInfo::name).toList(),
                "computed and rowversion columns are left to the server");
    }

    @Test
    void refusesToRewriteComputedColumnsOrUnkeyedTablesOfTypesThatDoNotSurviveText() {
        TableInfo p = SqlServerMaskingDialect.tableInfo(PAYMENTS);
        assertThrows(IllegalArgumentException.class,
                () -> SqlServerMaskingDialect.plan(p, List.of(p.column("card_last4")), List.of("id"), PAYMENTS));
        SqlServerCatalog.Table odd = new SqlServerCatalog.Table("dbo", "odd", 1, List.of(
                column("name", "nvarchar", 100, true, false, null, null),
                column("extra", "sql_variant", 8016, true, false, null, null)));
        TableInfo o = SqlServerMaskingDialect.tableInfo(odd);
        MaskingException e = assertThrows(MaskingException.class,
                () -> SqlServerMaskingDialect.plan(o, List.of(o.column("name")), null, odd));
        assertEquals("unsupported-type", e.kind());
        assertTrue(e.getMessage().contains("extra"));
    }

    @Test
    void aCharacterColumnWithoutAKnownCollationUsesTheDatabaseDefault() {
        ColumnInfo c = new ColumnInfo("dbo", "t", "name", "nvarchar(10)", 10, false, false);
        ColumnInfo n = new ColumnInfo("dbo", "t", "n", "int", 0, false, false);
        assertEquals(Arrays.asList("DATABASE_DEFAULT", null), SqlServerMaskingDialect.collations(List.of(c, n), null));
    }

    @Test
    void masksTheChosenValuesOfABatchInPlaceKeepingTheRest() {
        List<String[]> batch = new ArrayList<>();
        batch.add(new String[] {"1", "Ann", "ann@example.org"});
        batch.add(new String[] {"2", null, "bob@example.org"});
        List<Object[]> out = SqlServerMaskingDialect.maskBatch(batch, new int[] {1, 2}, values -> {
            for (int i = 0; i < values.length; i++) {
                values[i] = values[i] == null ? null : values[i].toUpperCase(Locale.ROOT);
            }
        });
        assertArrayEquals(new Object[] {"1", "ANN", "ANN@EXAMPLE.ORG"}, out.get(0));
        assertArrayEquals(new Object[] {"2", null, "BOB@EXAMPLE.ORG"}, out.get(1));
        assertNull(out.get(1)[1]);
    }

    /** A forward-only result set over rows of strings, enough for the dialect's readers. */
    private static ResultSet resultSet(List<String[]> rows) {
        int[] at = {-1};
        return (ResultSet) java.lang.reflect.Proxy.newProxyInstance(getClass0(),
                new Class<?>[] {ResultSet.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "next" -> ++at[0] < rows.size();
                    case "getString" -> rows.get(at[0])[(Integer) args[0] - 1];
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ClassLoader getClass0() {
        return SqlServerMaskingDialectTest.class.getClassLoader();
    }

    @Test
    void masksManyBatchesInParallelAndHandsRowsOutInReadOrder() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(3);
        try {
            List<String[]> rows = new ArrayList<>();
            for (int i = 0; i < 12_345; i++) {
                rows.add(new String[] {Integer.toString(i), "name" + i});
            }
            List<Long> progress = new CopyOnWriteArrayList<>();
            SqlServerMaskingDialect dialect = new SqlServerMaskingDialect(workers, 3);
            SqlServerMaskingDialect.MaskedRows masked = dialect.new MaskedRows(resultSet(rows), 2, new int[] {1},
                    values -> values[0] = values[0].toUpperCase(Locale.ROOT), progress::add);
            int i = 0;
            while (masked.hasNext()) {
                Object[] row = masked.next();
                assertEquals(Integer.toString(i), row[0], "the key is kept, in read order");
                assertEquals("NAME" + i, row[1]);
                i++;
            }
            assertEquals(12_345, i);
            assertEquals(12_345, masked.count());
            assertNull(masked.failure());
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void keepsWhatTheMaskerThrewSoTheRunReportsTheRulesOwnError() {
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"x"});
            SqlServerMaskingDialect.MaskedRows masked = new SqlServerMaskingDialect(workers, 2).new MaskedRows(
                    resultSet(rows), 1, new int[] {0}, values -> {
                        throw new dev.petri.masking.rule.RuleException("cannot keep the column unique");
                    }, n -> { });
            assertThrows(dev.petri.masking.rule.RuleException.class, masked::hasNext);
            assertTrue(masked.failure() instanceof dev.petri.masking.rule.RuleException);
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void picksTheDialectFromTheProductNameOrUrl() {
        assertEquals(MaskingDialects.Engine.SQLSERVER, MaskingDialects.engineOf("Microsoft SQL Server"));
        assertEquals(MaskingDialects.Engine.SQLSERVER, MaskingDialects.engineOf("jdbc:sqlserver://db:1433;databaseName=x"));
        assertEquals(MaskingDialects.Engine.POSTGRES, MaskingDialects.engineOf("PostgreSQL"));
        assertThrows(IllegalArgumentException.class, () -> MaskingDialects.engineOf("MySQL"));
        assertTrue(MaskingDialects.of(MaskingDialects.Engine.SQLSERVER, null, 2) instanceof SqlServerMaskingDialect);
        assertTrue(MaskingDialects.of(MaskingDialects.Engine.POSTGRES, null, 2) instanceof PostgresMaskingDialect);
        assertEquals("[a]]b]", new SqlServerMaskingDialect(null, 2).quote("a]b"));
        assertEquals("[crm].[Leads]", new SqlServerMaskingDialect(null, 2)
                .qualified(SqlServerMaskingDialect.tableInfo(LEADS)));
    }
}
