package dev.petri.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.devstack.DevStack;
import dev.petri.engine.CopyProgress;
import dev.petri.engine.DbNames;
import dev.petri.engine.EngineHost;
import dev.petri.engine.SourceConnection;
import dev.petri.engine.postgres.PostgresEngine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * People are called Green, King, Rose and Will: a column of a few labels repeated over many rows
 * ({@code green}, {@code will call}) is not a leak of their names, while a column of names alone, or
 * names inside many distinct texts, still is.
 */
class LabelColumnsIT {

    private final PostgresEngine engine = engine();

    private static PostgresEngine engine() {
        var pg = DevStack.shared().postgres();
        return new PostgresEngine(new EngineHost("local", "postgres", pg.jdbcUrl("postgres"), "postgres", pg.password(),
                "127.0.0.1", pg.port(), 100));
    }

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
    void aFewNamesRepeatedAreStillNames() {
        MaskingException e = assertThrows(MaskingException.class, () -> mask("CREATE TABLE tickets (id int PRIMARY KEY,"
                + " assigned_to text); INSERT INTO tickets SELECT g, (ARRAY['Rose', 'Mark', 'Will King'])[1 + g % 3]"
                + " FROM generate_series(1, 200) g", staging -> { }));
        assertEquals("leak-found", e.kind());
        assertTrue(e.getMessage().contains("public.tickets.assigned_to"), e.getMessage());
    }

    @Test
    void namesInManyDistinctShortTextsAreStillALeak() {
        MaskingException e = assertThrows(MaskingException.class, () -> mask("CREATE TABLE calls (id int PRIMARY KEY,"
                + " tag varchar(18)); INSERT INTO calls SELECT g, 'ask Rose ' || g FROM generate_series(1, 200) g",
                staging -> { }));
        assertEquals("leak-found", e.kind());
        assertTrue(e.getMessage().contains("public.calls.tag"), e.getMessage());
    }

    private interface Check {
        void check(String staging) throws SQLException;
    }

    private Map<String, Object> mask(String tables, Check check) throws SQLException {
        var pg = DevStack.shared().postgres();
        String db = "labels_" + UUID.randomUUID().toString().substring(0, 8);
        pg.createDatabase(db);
        String staging = DbNames.staging("lab" + UUID.randomUUID().toString().substring(0, 6), 1);
        try {
            try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE customers (id int PRIMARY KEY, first_name text, last_name text, email text)");
                st.execute("INSERT INTO customers VALUES (1, 'Rose', 'Green', 'rose@x.test'), (2, 'Mark', 'King', 'mk@x.test'),"
                        + " (3, 'Will', 'Brown', 'wb@x.test'), (4, 'Anna', 'Smith', 'as@x.test')");
                for (String sql : tables.split("; ")) {
                    st.execute(sql);
                }
            }
            SourceConnection source = new SourceConnection(pg.jdbcUrl(db), "postgres", pg.password());
            engine.stageFrom(source, staging, CopyProgress.none());
            Map<String, Object> report = new MaskingPipeline("labels-key").run(() -> engine.connect(staging), source,
                    Map.of(), (phase, table, done, total) -> { });
            check.check(staging);
            return report;
        } finally {
            engine.dropDatabase(staging);
            engine.dropDatabase(db);
        }
    }

    private String one(String database, String sql) throws SQLException {
        try (Connection c = engine.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

}
