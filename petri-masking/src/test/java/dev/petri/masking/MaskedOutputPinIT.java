package dev.petri.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petri.devstack.DevStack;
import dev.petri.devstack.EmbeddedPostgresServer;
import dev.petri.engine.CopyProgress;
import dev.petri.engine.EngineHost;
import dev.petri.engine.SourceConnection;
import dev.petri.engine.postgres.PostgresEngine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The masked output of a fixed input under a fixed key, pinned: any change to how tables are read,
 * masked or reloaded must give the same bytes (NULLs, escapes, multi-byte text, JSON, jsonb, char(n)
 * and unmasked columns of many types included).
 */
class MaskedOutputPinIT {

    private static final String KEY = "pinned-output-key";
    private static EmbeddedPostgresServer pg;
    private static PostgresEngine engine;
    private static String sourceDb;
    private static SourceConnection source;

    @BeforeAll
    static void createSource() throws SQLException {
        pg = DevStack.shared().postgres();
        engine = new PostgresEngine(new EngineHost("local", "postgres", pg.jdbcUrl("postgres"), "postgres",
                pg.password(), "127.0.0.1", pg.port(), 100));
        sourceDb = "pin_source_" + unique();
        pg.createDatabase(sourceDb);
        try (Connection c = pg.connect(sourceDb); Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TABLE people (
                      id bigint PRIMARY KEY,
                      first_name varchar(50) NOT NULL,
                      last_name varchar(50) NOT NULL,
                      email varchar(120) NOT NULL UNIQUE,
                      phone varchar(30),
                      card_number varchar(19),
                      national_id char(11),
                      notes text,
                      profile jsonb,
                      settings json,
                      country char(2) NOT NULL,
                      score integer NOT NULL,
                      balance numeric(12, 2),
                      ratio double precision,
                      active boolean,
                      tags text[],
                      blob bytea,
                      born date,
                      created_at timestamptz NOT NULL,
                      doubled bigint GENERATED ALWAYS AS (id * 2) STORED)""");
            String[] first = {"Anna", "Björn", "Zoë", "José", "Łukasz", "Mary-Jo", "O'Neil", "Chen"};
            String[] last = {"Smith", "Müller", "García", "Øster", "Nakamura", "D'Arcy", "Nguyen", "Kowalski"};
            st.execute("INSERT INTO people (id, first_name, last_name, email, phone, card_number, national_id, notes,"
                    + " profile, settings, country, score, balance, ratio, active, tags, blob, born, created_at)"
                    + " SELECT g, (ARRAY" + array(first) + ")[1 + g % 8], (ARRAY" + array(last) + ")[1 + (g * 3) % 8],"
                    + " lower('user.' || g || '@mail' || (g % 4) || '.test'),"
                    + " CASE WHEN g % 10 = 0 THEN NULL ELSE '(' || (200 + g % 700) || ') 555-' || lpad((g * 37 % 10000)::text, 4, '0') END,"
                    + " '4' || lpad((g * 7919 % 100000000000000)::text, 14, '0') || '0',"
                    + " lpad((100 + g % 600)::text, 3, '0') || '-' || lpad((1 + g % 98)::text, 2, '0') || '-' || lpad((1000 + g)::text, 4, '0'),"
                    + " CASE WHEN g % 3 = 0 THEN NULL ELSE 'Called ' || (ARRAY" + array(first) + ")[1 + g % 8]"
                    + "   || E' at\\t(' || (200 + g % 700) || ') 555-' || lpad((g * 37 % 10000)::text, 4, '0')"
                    + "   || E';\\nmail user.' || g || '@mail' || (g % 4) || E'.test \\\\ done ✓' END,"
                    + " CASE WHEN g % 7 = 0 THEN NULL ELSE jsonb_build_object('name', (ARRAY" + array(first) + ")[1 + g % 8],"
                    + "   'email', 'user.' || g || '@mail' || (g % 4) || '.test', 'tier', CASE WHEN g % 5 = 0 THEN 'gold' ELSE 'basic' END,"
                    + "   'note', E'tab\\there \"quoted\" \\\\ ü') END,"
                    + " json_build_object('contact', 'user.' || g || '@mail' || (g % 4) || '.test', 'n', g),"
                    + " CASE WHEN g % 2 = 0 THEN 'US' ELSE 'DE' END, g % 1000, g * 1.25, g / 7.0, g % 2 = 0,"
                    + " ARRAY['a' || g, E'b\\tc', NULL], decode(lpad(to_hex(g), 8, '0'), 'hex'),"
                    + " DATE '1960-01-01' + g, TIMESTAMPTZ '2025-01-01 00:00:00+00' + g * INTERVAL '1 minute 7 seconds'"
                    + " FROM generate_series(1, 600) g");
        }
        source = new SourceConnection(pg.jdbcUrl(sourceDb), "postgres", pg.password());
    }

    @AfterAll
    static void dropSource() {
        if (engine != null) {
            engine.dropDatabase(sourceDb);
        }
    }

    private static String array(String[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append('\'').append(values[i].replace("'", "''")).append('\'');
        }
        return sb.append(']').toString();
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    @Test
    void theMaskedOutputOfAFixedInputUnderAFixedKeyIsPinned() throws SQLException {
        String staging = "pin_stg_" + unique();
        engine.stageFrom(source, staging, CopyProgress.none());
        try {
            new MaskingPipeline(KEY).run(() -> engine.connect(staging), source, Map.of(), (phase, table, done, total) -> { });
            try (Connection c = pg.connect(staging); Statement st = c.createStatement()) {
                assertEquals("600|60|200|85", one(st, "SELECT count(*) || '|' || count(*) FILTER (WHERE phone IS NULL) || '|'"
                        + " || count(*) FILTER (WHERE notes IS NULL) || '|' || count(*) FILTER (WHERE profile IS NULL) FROM people"),
                        "NULL stays NULL");
                assertEquals("0", one(st, "SELECT count(*) FROM people WHERE email LIKE 'user.%' OR notes LIKE '%user.%'"
                        + " OR profile::text LIKE '%user.%' OR settings::text LIKE '%user.%'"), "the sensitive values were masked");
                // pinned from the output of commit d3715d4 (text COPY rewrite); every column, every row
                assertEquals(PINNED, one(st, "SELECT md5(string_agg(p::text, E'\\n' ORDER BY id)) FROM people p"));
            }
        } finally {
            engine.dropDatabase(staging);
        }
    }

    private static final String PINNED = "22262c4755a4c91a24405ca727d798af";

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
