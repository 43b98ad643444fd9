package dev.petri.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * People are called Green, King, Rose and Will: a column of a few labels repeated over many rows
 * ({@code green}, {@code will call}) is not a leak of their names and stays as it is; names inside many
 * distinct short texts are replaced as in free text; a column of names alone still fails the run.
 */
class LabelColumnsIT {

    @Test
    void labelsThatAreAlsoNamesOfPeoplePassAndStayAsTheyWere() throws SQLException {
        Map<String, Object> report = mask("CREATE TABLE products (id int PRIMARY KEY, color text, status text);"
                + " INSERT INTO products SELECT g, (ARRAY['green', 'brown', 'red', 'blue'])[1 + g % 4],"
                + " (ARRAY['open', 'will call', 'done'])[1 + g % 3] FROM generate_series(1, 200) g", staging -> {
                    assertEquals("50", one(staging, "SELECT count(*) FROM products WHERE color = 'green'"));
                    assertEquals("67", one(staging, "SELECT count(*) FROM products WHERE status = 'will call'"));
                });
        Map<?, ?> scan = (Map<?, ?>) report.get("leakScan");
        assertEquals(Boolean.TRUE, scan.get("passed"));
        assertEquals(Map.of("public.products.color", 4, "public.products.status", 3), scan.get("labelColumns"));
    }

    @Test
    void aFewNamesRepeatedAreStillNames() throws SQLException {
        // the classifier sees a column of nothing but words of the source's names, however few distinct ones
        Map<String, Object> report = mask("CREATE TABLE tickets (id int PRIMARY KEY, assigned_to text);"
                + " INSERT INTO tickets SELECT g, (ARRAY['Rose', 'Mark', 'Will King'])[1 + g % 3]"
                + " FROM generate_series(1, 200) g", staging -> {
                    assertEquals("0", one(staging, "SELECT count(*) FROM tickets WHERE assigned_to ~ '(Rose|Mark|Will|King)'"));
                    assertEquals("200", one(staging, "SELECT count(*) FROM tickets WHERE assigned_to ~ '^[A-Z][a-z]+( [A-Z][a-z]+)?$'"));
                });
        assertEquals(Boolean.TRUE, ((Map<?, ?>) report.get("leakScan")).get("passed"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> columns = (List<Map<String, Object>>) report.get("columns");
        assertEquals(List.of("person_name"), columns.stream().filter(c -> "assigned_to".equals(c.get("column")))
                .map(c -> c.get("rule")).toList());
    }

    @Test
    void namesInManyDistinctShortTextsAreReplacedAsInFreeText() throws SQLException {
        Map<String, Object> report = mask("CREATE TABLE accounts (id int PRIMARY KEY, company varchar(30), tag varchar(18));"
                + " INSERT INTO accounts SELECT g, (ARRAY['Green', 'King', 'Acme'])[1 + g % 3] || ' Logistics ' || g,"
                + " 'ask Rose ' || g FROM generate_series(1, 200) g", staging -> {
                    assertEquals("0", one(staging, "SELECT count(*) FROM accounts WHERE company ~ '(Green|King) ' OR tag ~ 'Rose'"));
                    assertEquals("200", one(staging, "SELECT count(*) FROM accounts WHERE company ~ '^[A-Z][a-z]+ Logistics [0-9]+$'"
                            + " AND tag ~ '^ask [A-Z][a-z]+ [0-9]+$'"));
                    assertEquals("67", one(staging, "SELECT count(*) FROM accounts WHERE company LIKE 'Acme %'"));
                });
        assertEquals(Boolean.TRUE, ((Map<?, ?>) report.get("leakScan")).get("passed"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> columns = (List<Map<String, Object>>) report.get("columns");
        assertEquals(2, columns.stream().filter(c -> "accounts".equals(c.get("table")) && "free_text".equals(c.get("rule")))
                .count(), "company and tag are masked as free text");
    }

    private Map<String, Object> mask(String tables, ScratchSource.Check check) throws SQLException {
        return ScratchSource.mask("labels-key", st -> {
            st.execute("CREATE TABLE customers (id int PRIMARY KEY, first_name text, last_name text, email text)");
            st.execute("INSERT INTO customers VALUES (1, 'Rose', 'Green', 'rose@x.test'), (2, 'Mark', 'King', 'mk@x.test'),"
                    + " (3, 'Will', 'Brown', 'wb@x.test'), (4, 'Anna', 'Smith', 'as@x.test')");
            for (String sql : tables.split("; ")) {
                st.execute(sql);
            }
        }, check);
    }

    private static String one(String database, String sql) throws SQLException {
        return ScratchSource.one(database, sql);
    }
}
