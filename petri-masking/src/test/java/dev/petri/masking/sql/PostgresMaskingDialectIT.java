package dev.petri.masking.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.devstack.DevStack;
import dev.petri.devstack.EmbeddedPostgresServer;
import dev.petri.masking.catalog.Catalog;
import dev.petri.masking.catalog.ColumnInfo;
import dev.petri.masking.catalog.TableInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The table rewrite against a real PostgreSQL, in binary COPY and in text COPY: escapes, NULLs,
 * multi-byte text, JSON, rows larger than a chunk, unmasked columns of many types, partitions, failures.
 */
class PostgresMaskingDialectIT {

    private static EmbeddedPostgresServer pg;
    private static String db;
    private static final ExecutorService WORKERS = Executors.newFixedThreadPool(2);
    private static final PostgresMaskingDialect DIALECT = new PostgresMaskingDialect(WORKERS, 2);
    private static final PostgresMaskingDialect TEXT_ONLY = new PostgresMaskingDialect(WORKERS, 2, false);
    private static final String[] FORMATS = {"binary", "text"};

    private static PostgresMaskingDialect dialect(String format) {
        return format.equals("binary") ? DIALECT : TEXT_ONLY;
    }

    @BeforeAll
    static void createDatabase() throws SQLException {
        pg = DevStack.shared().postgres();
        db = "dialect_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        pg.createDatabase(db);
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            for (String f : FORMATS) {
                st.execute("CREATE TABLE notes_" + f + " (id int, body text, tag varchar(10), len int GENERATED ALWAYS AS (length(body)) STORED)");
                st.execute("INSERT INTO notes_" + f + " (id, body, tag) SELECT g, 'line ' || g || E'\\ttab\\nnew\\\\back Zürich', 'k' || g"
                        + " FROM generate_series(1, 20000) g");
                st.execute("INSERT INTO notes_" + f + " (id, body, tag) VALUES (0, NULL, NULL), (-1, repeat('x', 3000000), 'big')");
                st.execute("CREATE TABLE events_" + f + " (id int, region text, who text) PARTITION BY LIST (region)");
                st.execute("CREATE TABLE events_" + f + "_eu PARTITION OF events_" + f + " FOR VALUES IN ('eu')");
                st.execute("CREATE TABLE events_" + f + "_us PARTITION OF events_" + f + " FOR VALUES IN ('us')");
                st.execute("INSERT INTO events_" + f + " SELECT g, CASE WHEN g % 2 = 0 THEN 'eu' ELSE 'us' END, 'who ' || g"
                        + " FROM generate_series(1, 5000) g");
                st.execute("CREATE TABLE people_" + f + " (id int, who text)");
                st.execute("CREATE TABLE staff_" + f + " (badge int) INHERITS (people_" + f + ")");
                st.execute("INSERT INTO people_" + f + " SELECT g, 'person ' || g FROM generate_series(1, 300) g");
                st.execute("INSERT INTO staff_" + f + " SELECT g, 'staff ' || g, g FROM generate_series(1, 200) g");
                st.execute("CREATE TABLE mixed_" + f + " (id bigint, name varchar(40), code char(6), doc jsonb, raw json, body text,"
                        + " born date, at timestamptz, amount numeric(14, 4), ratio float8, ok boolean, tags text[], blob bytea,"
                        + " span interval, addr inet, uid uuid)");
                st.execute("INSERT INTO mixed_" + f + " SELECT g,"
                        + " CASE WHEN g % 9 = 0 THEN NULL ELSE 'Zoë Łukasz ' || g END,"
                        + " CASE WHEN g % 5 = 0 THEN NULL ELSE 'c' || (g % 100) END,"
                        + " CASE WHEN g % 4 = 0 THEN NULL ELSE jsonb_build_object('n', 'Müller ' || g, 'e', E'a\\tb\\\\c\\n', 'k', g) END,"
                        + " CASE WHEN g % 6 = 0 THEN NULL ELSE ('{ \"x\" : \"é ' || g || E'\\\\\\\\\" , \"y\": [1, 2] }')::json END,"
                        + " CASE WHEN g % 3 = 0 THEN '' WHEN g % 7 = 0 THEN NULL ELSE repeat('日本 ', g % 50) || E'\\r\\\\N' END,"
                        + " DATE '1970-01-01' + g, TIMESTAMPTZ '2020-02-29 12:34:56.789+03' + g * INTERVAL '1 second',"
                        + " g / 3.0, g * 0.1, g % 2 = 0, ARRAY['x' || g, NULL, E'q\\\"'], decode(md5(g::text), 'hex'),"
                        + " g * INTERVAL '1 minute', ('10.0.' || (g % 256) || '.1')::inet, md5(g::text)::uuid"
                        + " FROM generate_series(1, 30000) g");
                st.execute("INSERT INTO mixed_" + f + " (id, body, doc) VALUES (-1, repeat('y', 2000000), jsonb_build_object('big', repeat('z', 1500000)))");
            }
        }
    }

    @AfterAll
    static void shutdown() {
        WORKERS.shutdownNow();
    }

    private static TableInfo table(Connection c, String name) throws SQLException {
        Catalog catalog = DIALECT.readCatalog(c, c);
        return catalog.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "text"})
    void rewritesEveryRowInPlaceKeepingEscapesNullsHugeRowsAndUnmaskedColumns(String format) throws SQLException {
        String notes = "notes_" + format;
        try (Connection read = pg.connect(db); Connection write = pg.connect(db)) {
            TableInfo t = table(read, notes);
            assertEquals(format.equals("binary"), dialect(format).copiesInBinary(read, t, List.of(t.column("body"))));
            AtomicLong progressed = new AtomicLong();
            MaskingDialect.RewriteStats stats = dialect(format).rewrite(read, write, t, List.of(t.column("body")), values -> {
                if (values[0] != null) {
                    values[0] = values[0].toUpperCase(Locale.ROOT);
                }
            }, progressed::set);
            assertEquals(20_002, stats.rows());
            assertEquals(20_002, progressed.get());
        }
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            assertEquals("LINE 7\tTAB\nNEW\\BACK ZÜRICH|k7|26", one(st, "SELECT body || '|' || tag || '|' || len FROM " + notes + " WHERE id = 7"));
            assertNull(one(st, "SELECT body FROM " + notes + " WHERE id = 0"));
            assertEquals("3000000|big|3000000", one(st, "SELECT length(body) || '|' || tag || '|' || len FROM " + notes + " WHERE id = -1"));
            assertEquals("0", one(st, "SELECT count(*) FROM " + notes + " WHERE body <> upper(body)"));
            assertEquals("20002", one(st, "SELECT count(*) FROM " + notes));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "text"})
    void rewritesAPartitionedTableThroughItsParent(String format) throws SQLException {
        String events = "events_" + format;
        try (Connection read = pg.connect(db); Connection write = pg.connect(db)) {
            TableInfo t = table(read, events);
            assertEquals(format.equals("binary"), dialect(format).copiesInBinary(read, t, List.of(t.column("who"))));
            dialect(format).rewrite(read, write, t, List.of(t.column("who")), values -> values[0] = "masked " + values[0].length(),
                    n -> { });
        }
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            assertEquals("2500|2500", one(st, "SELECT (SELECT count(*) FROM " + events + "_eu) || '|' || (SELECT count(*) FROM "
                    + events + "_us)"));
            assertEquals("masked 8", one(st, "SELECT who FROM " + events + " WHERE id = 1234"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "text"})
    void rewritesTheParentOfAnInheritanceTreeWithoutTouchingItsChildren(String format) throws SQLException {
        String people = "people_" + format;
        try (Connection read = pg.connect(db); Connection write = pg.connect(db)) {
            TableInfo t = table(read, people);
            MaskingDialect.RewriteStats stats = dialect(format).rewrite(read, write, t, List.of(t.column("who")),
                    values -> values[0] = "masked " + values[0], n -> { });
            assertEquals(300, stats.rows(), "the parent's own rows");
        }
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            assertEquals("300|300", one(st, "SELECT count(*) || '|' || count(*) FILTER (WHERE who LIKE 'masked person %')"
                    + " FROM ONLY " + people));
            assertEquals("200|200", one(st, "SELECT count(*) || '|' || count(*) FILTER (WHERE who LIKE 'staff %')"
                    + " FROM staff_" + format), "the child's rows are neither removed nor rewritten");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "text"})
    void aRewriteThatChangesNothingLeavesEveryByteOfEveryColumnAsItWas(String format) throws SQLException {
        String mixed = "mixed_" + format;
        String hash = "SELECT md5(string_agg(m::text, E'\\n' ORDER BY id)) FROM " + mixed + " m";
        String before;
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            before = one(st, hash);
        }
        try (Connection read = pg.connect(db); Connection write = pg.connect(db)) {
            TableInfo t = table(read, mixed);
            List<ColumnInfo> masked = List.of(t.column("name"), t.column("code"), t.column("doc"), t.column("raw"), t.column("body"));
            assertEquals(format.equals("binary"), dialect(format).copiesInBinary(read, t, masked));
            MaskingDialect.RewriteStats stats = dialect(format).rewrite(read, write, t, masked, values -> { }, n -> { });
            assertEquals(30_001, stats.rows());
        }
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            assertEquals(before, one(st, hash), "identical rows after a rewrite whose masker changes nothing");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "text"})
    void masksTextJsonAndJsonbColumnsAndKeepsTheOthers(String format) throws SQLException {
        String mixed = "mixed_" + format + "_masked";
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + mixed + " AS TABLE mixed_" + format);
        }
        String others = "SELECT md5(string_agg(concat_ws('|', id, born, at, amount, ratio, ok, tags, blob, span, addr, uid),"
                + " E'\\n' ORDER BY id)) FROM " + mixed;
        String before;
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            before = one(st, others);
        }
        try (Connection read = pg.connect(db); Connection write = pg.connect(db)) {
            TableInfo t = table(read, mixed);
            List<ColumnInfo> masked = List.of(t.column("name"), t.column("code"), t.column("doc"), t.column("raw"), t.column("body"));
            dialect(format).rewrite(read, write, t, masked, values -> {
                values[0] = values[0] == null ? null : "Ünï\t\\ " + values[0].length();
                values[1] = values[1] == null ? "new" : null;
                values[2] = values[2] == null || values[2].length() > 1_000_000 ? values[2] : "{\"m\": \"ß\\\\\\t\", \"len\": " + values[2].length() + "}";
                values[3] = values[3] == null ? null : values[3].replace("é", "É");
                values[4] = values[4] == null ? null : values[4].toUpperCase(Locale.ROOT);
            }, n -> { });
        }
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            assertEquals(before, one(st, others), "the unmasked columns are unchanged");
            assertEquals("Ünï\t\\ 13", one(st, "SELECT name FROM " + mixed + " WHERE id = 11"));
            assertNull(one(st, "SELECT code FROM " + mixed + " WHERE id = 11"));
            assertEquals("new   ", one(st, "SELECT code FROM " + mixed + " WHERE id = 10"), "char(n) is padded as before");
            assertEquals("ß\\\t|" + one(st, "SELECT length(doc::text) FROM mixed_" + format + " WHERE id = 11"),
                    one(st, "SELECT (doc->>'m') || '|' || (doc->>'len') FROM " + mixed + " WHERE id = 11"));
            assertEquals("{ \"x\" : \"É 11\\\\\" , \"y\": [1, 2] }", one(st, "SELECT raw::text FROM " + mixed + " WHERE id = 11"));
            assertEquals("日本 ".repeat(11) + "\r\\N", one(st, "SELECT body FROM " + mixed + " WHERE id = 11"));
            assertNull(one(st, "SELECT body FROM " + mixed + " WHERE id = 7"));
            assertEquals("|||", one(st, "SELECT concat_ws('|', coalesce(name, ''), coalesce(doc::text, ''), coalesce(raw::text, ''),"
                    + " coalesce(body, '')) FROM " + mixed + " WHERE id = 252"), "NULL stays NULL");
            assertEquals("", one(st, "SELECT body FROM " + mixed + " WHERE id = 3"), "an empty string stays empty, not NULL");
            assertEquals("2000000|1500000", one(st, "SELECT length(body) || '|' || length(doc->>'big') FROM " + mixed + " WHERE id = -1"));
        }
    }

    @Test
    void aMaskedColumnOfAnotherTypeIsCopiedAsText() throws SQLException {
        try (Connection c = pg.connect(db)) {
            TableInfo t = table(c, "mixed_binary");
            assertFalse(DIALECT.copiesInBinary(c, t, List.of(t.column("born"))));
            assertTrue(DIALECT.copiesInBinary(c, t, List.of(t.column("doc"))));
        }
    }

    @Test
    void aFailingMaskerWhileRowsAreStillBeingReadLeavesTheTableAsItWas() throws SQLException {
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE fragile AS SELECT g AS id, 'v' || g AS v FROM generate_series(1, 300000) g");
        }
        try (Connection read = pg.connect(db); Connection write = pg.connect(db)) {
            TableInfo t = table(read, "fragile");
            assertTrue(DIALECT.copiesInBinary(read, t, List.of(t.column("v"))));
            assertThrows(IllegalStateException.class, () -> DIALECT.rewrite(read, write, t, List.of(t.column("v")), values -> {
                if (values[0].equals("v900")) {
                    throw new IllegalStateException("rule failed");
                }
                values[0] = "m";
            }, n -> { }));
        }
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            assertEquals("300000|v900", one(st, "SELECT count(*) || '|' || max(v) FILTER (WHERE id = 900) FROM fragile"));
            assertTrue(Long.parseLong(one(st, "SELECT count(*) FROM fragile WHERE v LIKE 'v%'")) == 300_000);
            assertEquals("0", one(st, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND state <> 'idle' AND pid <> pg_backend_pid()"), "no copy is left running");
        }
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
