package dev.petri.masking.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.engine.sqlserver.SqlServerBulkRows.ColumnSpec;
import dev.petri.masking.catalog.ColumnInfo;
import dev.petri.masking.catalog.ConstraintInfo;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every statement SQL Server masking runs, asserted as text. */
class SqlServerMaskingSqlTest {

    private static ColumnInfo col(String table, String name, String type) {
        return new ColumnInfo("crm", table, name, type, 0, false, false);
    }

    @Test
    void quotesMixedCaseNamesAndDoublesClosingBrackets() {
        assertEquals("[Leads]", SqlServerMaskingSql.quote("Leads"));
        assertEquals("[odd]]name]", SqlServerMaskingSql.quote("odd]name"));
        assertEquals("[My Schema].[Odd]]Table]", SqlServerMaskingSql.qualified("My Schema", "Odd]Table"));
        assertThrows(IllegalArgumentException.class, () -> SqlServerMaskingSql.quote("bad\nname"));
    }

    @Test
    void readsEveryTypeAsTextWithoutLoss() {
        assertEquals("[c]", SqlServerMaskingSql.readExpression("[c]", "nvarchar(120)"));
        assertEquals("[c]", SqlServerMaskingSql.readExpression("[c]", "char(11)"));
        assertEquals("CAST([c] AS varchar(max))", SqlServerMaskingSql.readExpression("[c]", "text"));
        assertEquals("CONVERT(nvarchar(30), [c], 126)", SqlServerMaskingSql.readExpression("[c]", "datetime"));
        assertEquals("CONVERT(nvarchar(30), [c], 126)", SqlServerMaskingSql.readExpression("[c]", "smalldatetime"));
        assertEquals("CAST([c] AS nvarchar(100))", SqlServerMaskingSql.readExpression("[c]", "datetime2(3)"));
        assertEquals("CAST([c] AS nvarchar(100))", SqlServerMaskingSql.readExpression("[c]", "decimal(10, 2)"));
        assertEquals("CONVERT(nvarchar(30), [c], 3)", SqlServerMaskingSql.readExpression("[c]", "float(53)"));
        assertEquals("CONVERT(nvarchar(30), [c], 2)", SqlServerMaskingSql.readExpression("[c]", "money"));
        assertEquals("CONVERT(nvarchar(max), [c], 1)", SqlServerMaskingSql.readExpression("[c]", "varbinary(max)"));
        assertEquals("CONVERT(nvarchar(max), CAST([c] AS varbinary(max)), 1)",
                SqlServerMaskingSql.readExpression("[c]", "geography"));
        assertEquals("CAST([c] AS nvarchar(max))", SqlServerMaskingSql.readExpression("[c]", "xml"));
    }

    @Test
    void writesTextBackWithTheMatchingStyle() {
        assertEquals("m.[c2]", SqlServerMaskingSql.writeExpression("m.[c2]", "varchar(120)"));
        assertEquals("CONVERT(datetime, m.[c2], 126)", SqlServerMaskingSql.writeExpression("m.[c2]", "datetime"));
        assertEquals("CAST(m.[c2] AS datetime2(3))", SqlServerMaskingSql.writeExpression("m.[c2]", "datetime2(3)"));
        assertEquals("CAST(m.[c2] AS date)", SqlServerMaskingSql.writeExpression("m.[c2]", "date"));
        assertEquals("CAST(m.[c2] AS decimal(10, 2))", SqlServerMaskingSql.writeExpression("m.[c2]", "decimal(10, 2)"));
        assertEquals("CONVERT(varbinary(16), m.[c2], 1)", SqlServerMaskingSql.writeExpression("m.[c2]", "varbinary(16)"));
        assertEquals("CAST(CONVERT(varbinary(max), m.[c2], 1) AS image)",
                SqlServerMaskingSql.writeExpression("m.[c2]", "image"));
        assertEquals("CAST(m.[c2] AS uniqueidentifier)", SqlServerMaskingSql.writeExpression("m.[c2]", "uniqueidentifier"));
        assertNull(SqlServerMaskingSql.writeExpression("m.[c2]", "sql_variant"), "a sql_variant loses its base type");
        assertNull(SqlServerMaskingSql.writeExpression("m.[c2]", "rowversion"), "the server writes rowversions");
        assertNull(SqlServerMaskingSql.writeExpression("m.[c2]", "[MyClrType]"));
        assertFalse(SqlServerMaskingSql.rewritable(col("t", "v", "sql_variant")));
        assertTrue(SqlServerMaskingSql.rewritable(col("t", "v", "bigint")));
    }

    @Test
    void samplesWithTopAndReadsQuotedColumns() {
        List<ColumnInfo> cols = List.of(col("Leads", "FullName", "nvarchar(100)"), col("Leads", "Seen]At", "datetime"));
        assertEquals("SELECT TOP (1000) [FullName], CONVERT(nvarchar(30), [Seen]]At], 126) FROM [crm].[Leads]",
                SqlServerMaskingSql.sample("crm", "Leads", cols, 1000));
        assertEquals("SELECT [FullName], CONVERT(nvarchar(30), [Seen]]At], 126) FROM [crm].[Leads]",
                SqlServerMaskingSql.select("crm", "Leads", cols));
    }

    @Test
    void checksConstraintsWithCountBigAndTop() {
        assertEquals("SELECT TOP (1) 1 FROM [dbo].[customers] WHERE [email] IS NOT NULL AND [Alt Mail] IS NOT NULL"
                        + " GROUP BY [email], [Alt Mail] HAVING COUNT_BIG(*) > 1",
                SqlServerMaskingSql.duplicates("dbo", "customers", List.of("email", "Alt Mail")));
        ConstraintInfo fk = new ConstraintInfo("dbo", "newsletter", "FK_n", ConstraintInfo.Type.FOREIGN_KEY,
                List.of("subscriber"), "dbo", "customers", List.of("email"), null);
        assertEquals("SELECT COUNT_BIG(*) FROM [dbo].[newsletter] AS c WHERE c.[subscriber] IS NOT NULL AND NOT EXISTS"
                        + " (SELECT 1 FROM [dbo].[customers] AS p WHERE p.[email] = c.[subscriber])",
                SqlServerMaskingSql.orphans("dbo", "newsletter", fk));
        assertEquals("SELECT COUNT_BIG(*) FROM [dbo].[orders] WHERE NOT (([status]='NEW' OR [status]='PAID'))",
                SqlServerMaskingSql.checkViolations("dbo", "orders", "([status]='NEW' OR [status]='PAID')"));
    }

    @Test
    void createsTextWorkTablesWithTheColumnsCollations() {
        assertEquals("CREATE TABLE #petri_map_7 ([c1] nvarchar(4000) NULL, [c2] nvarchar(max) COLLATE"
                        + " SQL_Latin1_General_CP1_CI_AS NULL)",
                SqlServerMaskingSql.createWorkTable("#petri_map_7", Arrays.asList(null, "SQL_Latin1_General_CP1_CI_AS"), 1));
        assertEquals("CREATE TABLE #petri_rows_8 ([c1] nvarchar(max) COLLATE Latin1_General_100_CI_AS NULL)",
                SqlServerMaskingSql.createWorkTable("#petri_rows_8", List.of("Latin1_General_100_CI_AS"), 0));
        assertEquals("DROP TABLE IF EXISTS #petri_rows_3", SqlServerMaskingSql.dropWorkTable("#petri_rows_3"));
        assertEquals("#petri_map_12", SqlServerMaskingSql.workTable("map", 12));
        assertThrows(IllegalArgumentException.class, () -> SqlServerMaskingSql.workTable("x; DROP", 1));
        assertThrows(IllegalArgumentException.class, () -> SqlServerMaskingSql.dropWorkTable("[dbo].[customers]"));
        assertThrows(IllegalArgumentException.class,
                () -> SqlServerMaskingSql.createWorkTable("#petri_map_1", List.of("Latin1' --"), 0));
    }

    @Test
    void bulkCopyDeclaresOneTextColumnPerWorkColumnInOrder() {
        List<ColumnSpec> specs = SqlServerMaskingSql.workColumns(3, 1);
        assertEquals(List.of("c1", "c2", "c3"), specs.stream().map(ColumnSpec::name).toList());
        assertTrue(specs.stream().allMatch(s -> s.jdbcType() == Types.NVARCHAR));
        assertEquals(List.of(4000, 1_073_741_823, 1_073_741_823), specs.stream().map(ColumnSpec::precision).toList());
        assertEquals("c2", SqlServerMaskingSql.workColumn(2));
        assertEquals(List.of("c1", "c2", "c3"), SqlServerMaskingSql.bulkMappings(3),
                "source ordinal i goes to work column ci, the order the rows were read in");
    }

    @Test
    void updatesMaskedColumnsFromTheWorkTableJoinedOnTheOriginalKey() {
        List<ColumnInfo> key = List.of(col("customers", "id", "bigint"));
        List<ColumnInfo> masked = List.of(col("customers", "email", "varchar(120)"),
                col("customers", "date_of_birth", "date"), col("customers", "Last]Seen", "datetime"));
        assertEquals("UPDATE t SET t.[email] = m.[c2], t.[date_of_birth] = CAST(m.[c3] AS date),"
                        + " t.[Last]]Seen] = CONVERT(datetime, m.[c4], 126) FROM [crm].[customers] AS t"
                        + " JOIN #petri_map_1 AS m ON t.[id] = CAST(m.[c1] AS bigint)",
                SqlServerMaskingSql.updateFromWorkTable("crm", "customers", key, masked, "#petri_map_1"));
    }

    @Test
    void aMaskedPrimaryKeyIsJoinedOnItsOriginalAndSetToItsMaskedValue() {
        ColumnInfo subscriber = col("newsletter", "subscriber", "varchar(120)");
        assertEquals("UPDATE t SET t.[subscriber] = m.[c2] FROM [dbo].[newsletter] AS t JOIN #petri_map_2 AS m"
                        + " ON t.[subscriber] = m.[c1]",
                SqlServerMaskingSql.updateFromWorkTable("dbo", "newsletter", List.of(subscriber), List.of(subscriber),
                        "#petri_map_2"));
    }

    @Test
    void reloadsATableInOneTransactionKeepingIdentities() {
        List<ColumnInfo> cols = List.of(col("Leads", "Id", "int"), col("Leads", "FullName", "nvarchar(100)"),
                col("Leads", "Born", "smalldatetime"));
        assertEquals(List.of(
                        "TRUNCATE TABLE [crm].[Leads]",
                        "SET IDENTITY_INSERT [crm].[Leads] ON",
                        "INSERT INTO [crm].[Leads] WITH (TABLOCK) ([Id], [FullName], [Born]) SELECT CAST(w.[c1] AS int),"
                                + " w.[c2], CONVERT(smalldatetime, w.[c3], 126) FROM #petri_rows_4 AS w",
                        "SET IDENTITY_INSERT [crm].[Leads] OFF"),
                SqlServerMaskingSql.reload("crm", "Leads", cols, true, "#petri_rows_4"));
        assertEquals(List.of("TRUNCATE TABLE [crm].[Leads]",
                        "INSERT INTO [crm].[Leads] WITH (TABLOCK) ([FullName]) SELECT w.[c1] FROM #petri_rows_5 AS w"),
                SqlServerMaskingSql.reload("crm", "Leads", List.of(cols.get(1)), false, "#petri_rows_5"));
    }

    @Test
    void refusesToRewriteATypeThatCannotComeBackFromText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SqlServerMaskingSql.reload(
                "crm", "Leads", List.of(col("Leads", "Extra", "sql_variant")), false, "#petri_rows_1"));
        assertTrue(e.getMessage().contains("crm.Leads.Extra"), e.getMessage());
    }
}
