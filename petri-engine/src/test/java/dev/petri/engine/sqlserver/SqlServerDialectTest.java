package dev.petri.engine.sqlserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.engine.sqlserver.SqlServerBulkRows.ColumnSpec;
import dev.petri.engine.sqlserver.SqlServerDialect.WorkTable;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlServerDialectTest {

    private static final WorkTable MAP = WorkTable.temporary("#petri_map_1");

    @Test
    void createsATemporaryMappingTableWithTheColumnsTypeAndCollation() {
        assertEquals("CREATE TABLE #petri_map_1 ([original] varchar(120) COLLATE SQL_Latin1_General_CP1_CI_AS NOT NULL"
                        + " PRIMARY KEY, [masked] varchar(120) COLLATE SQL_Latin1_General_CP1_CI_AS NULL)",
                SqlServerDialect.createMappingTable(MAP, "varchar(120)", "SQL_Latin1_General_CP1_CI_AS"));
        assertEquals("CREATE TABLE #petri_map_1 ([original] nvarchar(50) COLLATE DATABASE_DEFAULT NOT NULL PRIMARY KEY,"
                        + " [masked] nvarchar(50) COLLATE DATABASE_DEFAULT NULL)",
                SqlServerDialect.createMappingTable(MAP, "NVARCHAR(50)", null));
        assertEquals("CREATE TABLE #petri_map_1 ([original] date NOT NULL PRIMARY KEY, [masked] date NULL)",
                SqlServerDialect.createMappingTable(MAP, "date", "Latin1_General_CI_AS"));
    }

    @Test
    void createsARealMappingTableInASchema() {
        WorkTable real = WorkTable.real("petri_masking", "map_customers_email");
        assertFalse(real.isTemporary());
        assertEquals("CREATE TABLE [petri_masking].[map_customers_email] ([original] decimal(10, 2) NOT NULL PRIMARY KEY,"
                        + " [masked] decimal(10, 2) NULL)",
                SqlServerDialect.createMappingTable(real, "decimal(10,2)", null));
        assertEquals("DROP TABLE IF EXISTS [petri_masking].[map_customers_email]", SqlServerDialect.dropWorkTable(real));
        assertEquals("DROP TABLE IF EXISTS #petri_map_1", SqlServerDialect.dropWorkTable(MAP));
    }

    @Test
    void givesValuesTooLongForAKeyNoPrimaryKey() {
        assertFalse(SqlServerDialect.createMappingTable(MAP, "nvarchar(max)", null).contains("PRIMARY KEY"));
        assertFalse(SqlServerDialect.createMappingTable(MAP, "nvarchar(451)", null).contains("PRIMARY KEY"));
        assertTrue(SqlServerDialect.createMappingTable(MAP, "nvarchar(450)", null).contains("PRIMARY KEY"));
        assertTrue(SqlServerDialect.createMappingTable(MAP, "varchar(900)", null).contains("PRIMARY KEY"));
        assertFalse(SqlServerDialect.createMappingTable(MAP, "varchar(901)", null).contains("PRIMARY KEY"));
    }

    @Test
    void masksAColumnWithOneUpdateFromAJoin() {
        assertEquals("UPDATE t SET t.[EMail] = m.[masked] FROM [crm].[Leads] AS t JOIN #petri_map_1 AS m"
                + " ON t.[EMail] = m.[original]", SqlServerDialect.maskColumn("crm", "Leads", "EMail", MAP));
        assertEquals("SELECT DISTINCT t.[EMail] FROM [crm].[Leads] AS t WHERE t.[EMail] IS NOT NULL",
                SqlServerDialect.distinctValues("crm", "Leads", "EMail"));
    }

    @Test
    void quotesHostileIdentifiersInsteadOfRunningThem() {
        assertEquals("UPDATE t SET t.[x]] = 1; DROP TABLE y; --] = m.[masked] FROM [dbo].[t] AS t JOIN #petri_map_1 AS m"
                        + " ON t.[x]] = 1; DROP TABLE y; --] = m.[original]",
                SqlServerDialect.maskColumn("dbo", "t", "x] = 1; DROP TABLE y; --", MAP));
    }

    @Test
    void refusesWorkTableNamesTypesAndCollationsThatCouldInject() {
        assertThrows(IllegalArgumentException.class, () -> WorkTable.temporary("#m; DROP TABLE customers"));
        assertThrows(IllegalArgumentException.class, () -> WorkTable.temporary("petri_map"));
        assertThrows(IllegalArgumentException.class, () -> WorkTable.real("dbo", ""));
        assertThrows(IllegalArgumentException.class,
                () -> SqlServerDialect.createMappingTable(MAP, "nvarchar(10)) DROP TABLE x; --", null));
        assertThrows(IllegalArgumentException.class, () -> SqlServerDialect.createMappingTable(MAP, "sql_variant", null));
        assertThrows(IllegalArgumentException.class,
                () -> SqlServerDialect.createMappingTable(MAP, "nvarchar(10)", "Latin1 NULL) DROP TABLE x --"));
    }

    @Test
    void scansForExactAndContainedLeaks() {
        WorkTable values = WorkTable.temporary("#petri_leak_values");
        assertEquals("CREATE TABLE #petri_leak_values ([value] nvarchar(400) COLLATE DATABASE_DEFAULT NOT NULL)",
                SqlServerDialect.createValuesTable(values, "nvarchar(400)", null));
        assertEquals("SELECT COUNT_BIG(*) FROM [dbo].[payments] AS t WHERE EXISTS (SELECT 1 FROM #petri_leak_values AS v"
                + " WHERE v.[value] = t.[ref_code])", SqlServerDialect.countExactLeaks("dbo", "payments", "ref_code", values));
        assertEquals("SELECT COUNT_BIG(*) FROM [dbo].[support_notes] AS t WHERE EXISTS (SELECT 1 FROM #petri_leak_values"
                        + " AS v WHERE LEN(v.[value]) >= 4 AND CHARINDEX(v.[value], CAST(t.[body] AS nvarchar(max))) > 0)",
                SqlServerDialect.countContainedLeaks("dbo", "support_notes", "body", values, 4));
    }

    @Test
    void streamsMappingPairsAsBulkRows() throws SQLException {
        List<ColumnSpec> columns = SqlServerDialect.mappingColumns(120);
        SqlServerBulkRows rows = new SqlServerBulkRows(columns, List.of(new Object[] {"a@x.org", "q@example.net"},
                new Object[] {"b@x.org", null}).iterator());
        assertEquals(Set.of(1, 2), rows.getColumnOrdinals());
        assertEquals("original", rows.getColumnName(1));
        assertEquals("masked", rows.getColumnName(2));
        assertEquals(Types.NVARCHAR, rows.getColumnType(2));
        assertEquals(120, rows.getPrecision(1));
        assertTrue(rows.next());
        assertArrayEquals(new Object[] {"a@x.org", "q@example.net"}, rows.getRowData());
        assertTrue(rows.next());
        assertArrayEquals(new Object[] {"b@x.org", null}, rows.getRowData());
        assertFalse(rows.next());
        assertEquals(2, rows.rowCount());
        assertEquals(1_073_741_823, SqlServerDialect.mappingColumns(-1).get(0).precision());
    }

    @Test
    void refusesBulkRowsOfTheWrongWidth() throws SQLException {
        SqlServerBulkRows rows = new SqlServerBulkRows(SqlServerDialect.mappingColumns(10),
                List.<Object[]>of(new Object[] {"only one"}).iterator());
        assertThrows(SQLException.class, rows::next);
        assertThrows(IllegalArgumentException.class, () -> new SqlServerBulkRows(List.of(), List.<Object[]>of().iterator()));
    }
}
