package dev.petri.engine.sqlserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.engine.sqlserver.SqlServerBulkRows.ColumnSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlServerDemoDatabaseTest {

    @Test
    void generatesTheSameRowsForTheSameSeedWithUniqueEmails() {
        Map<String, List<Object[]>> rows = SqlServerDemoDatabase.rows(200, 7);
        Map<String, List<Object[]>> again = SqlServerDemoDatabase.rows(200, 7);
        assertEquals(200, rows.get("[dbo].[customers]").size());
        Set<Object> emails = new HashSet<>();
        rows.get("[dbo].[customers]").forEach(r -> emails.add(r[3]));
        assertEquals(200, emails.size(), "emails are unique, as the UNIQUE constraint demands");
        assertEquals(again.get("[dbo].[payments]").get(5)[2], rows.get("[dbo].[payments]").get(5)[2]);
        assertEquals(20, rows.get("[crm].[Leads]").size());
    }

    @Test
    void givesEveryRowOneValuePerDeclaredColumnWithinItsLength() {
        Map<String, List<Object[]>> rows = SqlServerDemoDatabase.rows(100, 3);
        for (Map.Entry<String, List<ColumnSpec>> table : SqlServerDemoDatabase.COLUMNS.entrySet()) {
            for (Object[] row : rows.get(table.getKey())) {
                assertEquals(table.getValue().size(), row.length, table.getKey());
                for (int i = 0; i < row.length; i++) {
                    if (row[i] instanceof String s) {
                        assertTrue(s.length() <= table.getValue().get(i).precision(),
                                table.getKey() + "." + table.getValue().get(i).name() + " too long: " + s);
                    }
                }
            }
        }
    }

    @Test
    void hidesLuhnValidCardNumbersUnderAnInnocentColumnName() {
        long hidden = SqlServerDemoDatabase.rows(100, 11).get("[dbo].[payments]").stream()
                .filter(r -> r[5].equals(r[2])).count();
        assertTrue(hidden > 0, "some ref_code values are card numbers");
        for (Object[] payment : SqlServerDemoDatabase.rows(20, 11).get("[dbo].[payments]")) {
            assertTrue(luhn((String) payment[2]), "card " + payment[2]);
        }
    }

    @Test
    void declaresATableWithoutPrimaryKeyInASecondSchemaAndAView() {
        String leads = SqlServerDemoDatabase.schemaStatements().stream().filter(s -> s.contains("crm.[Leads]"))
                .findFirst().orElseThrow();
        assertFalse(leads.contains("PRIMARY KEY"));
        assertTrue(SqlServerDemoDatabase.schemaStatements().stream()
                .anyMatch(s -> s.startsWith("CREATE VIEW dbo.customer_order_totals")));
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
