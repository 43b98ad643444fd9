package dev.petri.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.devstack.DevStack;
import dev.petri.engine.CopyProgress;
import dev.petri.engine.DbNames;
import dev.petri.engine.EngineException;
import dev.petri.engine.EngineHost;
import dev.petri.engine.SourceConnection;
import dev.petri.engine.postgres.PostgresEngine;
import dev.petri.masking.detect.SensitiveClass;
import dev.petri.masking.policy.ColumnPolicy;
import dev.petri.masking.policy.Policy;
import dev.petri.masking.policy.PolicyCheck;
import dev.petri.masking.policy.PolicyFile;
import dev.petri.masking.scan.SourceValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import net.datafaker.Faker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A source with the PostgreSQL features the demo database lacks — a quoted schema and table, domain,
 * enum and composite types, arrays of sensitive values, XML, a composite holding a name and an e-mail, a stored generated column, table
 * inheritance, a table without a key, a materialized view — staged, masked and finished: nothing
 * original is left in any relation, and the structure is what the source has.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwkwardSchemaIT {

    private static final String PARENT = "\"Weird Schema\".\"MixedCase\"";
    private PostgresEngine engine;
    private String sourceDb;
    private String staging;
    private final List<String> emails = new ArrayList<>();
    private final List<String> phones = new ArrayList<>();
    private final Set<String> nameWords = new HashSet<>();
    private final List<String> secrets = new ArrayList<>();
    private Map<String, Object> report;

    @BeforeAll
    void stageAndMask() throws SQLException {
        var pg = DevStack.shared().postgres();
        engine = new PostgresEngine(new EngineHost("local", "postgres", pg.jdbcUrl("postgres"), "postgres",
                pg.password(), "127.0.0.1", pg.port(), 100));
        sourceDb = "awkward_" + UUID.randomUUID().toString().substring(0, 8);
        pg.createDatabase(sourceDb);
        Faker f = new Faker(new Random(5));
        try (Connection c = pg.connect(sourceDb); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA \"Weird Schema\"");
            st.execute("CREATE TYPE mood AS ENUM ('happy', 'sad')");
            st.execute("CREATE TYPE dimensions AS (width int, height int)");
            st.execute("CREATE TYPE contact AS (label text, person text, reach text)");
            st.execute("CREATE DOMAIN email_addr AS text CHECK (VALUE LIKE '%@%')");
            st.execute("CREATE DOMAIN work_email AS email_addr NOT NULL");
            st.execute("CREATE TABLE " + PARENT + " (id int PRIMARY KEY, \"Contact Email\" work_email, aliases text[],"
                    + " mood mood, size dimensions, full_name text, name_upper text GENERATED ALWAYS AS (upper(full_name)) STORED,"
                    + " doc xml, phone_numbers varchar(30)[], emergency contact)");
            st.execute("CREATE TABLE child_people (extra text) INHERITS (" + PARENT + ")");
            st.execute("CREATE TABLE nokey (who text, mail varchar(200), code text COLLATE \"C\")");
            // names under names that say nothing (a few surnames repeated: too few to be free text), a search
            // vector a trigger kept up to date with names and e-mails, and IP addresses under an innocent name
            st.execute("CREATE TABLE members (id int PRIMARY KEY, given text, household text, words tsvector, peer inet,"
                    + " handle varchar(40) UNIQUE, photo bytea, signature bytea NOT NULL, checksum bytea)");
            st.execute("CREATE TABLE audit (at int, done_by text)");
            // a partitioned table with sub-partitions and an index of its own, as event tables often are
            st.execute("CREATE TABLE visits (id int, region text, on_day date, visitor text, PRIMARY KEY (id, region, on_day))"
                    + " PARTITION BY LIST (region)");
            st.execute("CREATE TABLE visits_eu PARTITION OF visits FOR VALUES IN ('eu') PARTITION BY RANGE (on_day)");
            st.execute("CREATE TABLE visits_eu_2025 PARTITION OF visits_eu FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
            st.execute("CREATE TABLE visits_other PARTITION OF visits DEFAULT");
            st.execute("CREATE INDEX visits_visitor ON visits (visitor)");
            st.execute("CREATE INDEX visits_other_day ON visits_other (on_day)");
            st.execute("ALTER TABLE visits_other ADD CONSTRAINT visits_other_not_eu CHECK (region <> 'eu')");
            st.execute("CREATE FUNCTION \"Weird Schema\".code_for(n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'C-' || n $$");
            st.execute("CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.touched := now(); RETURN NEW; END $$");
            st.execute("CREATE TABLE \"Weird Schema\".\"order\" (\"select\" int PRIMARY KEY, code text DEFAULT \"Weird Schema\".code_for(7)"
                    + " CHECK (code LIKE 'C-%'), \"E-Mail Adresse\" text, \"na\"\"me\" text, touched timestamptz,"
                    + " \"PasswordHash\" text, api_token text UNIQUE)");
            st.execute("CREATE TABLE tenant_notes (tenant text, body text)");
            st.execute("INSERT INTO tenant_notes SELECT CASE WHEN g % 2 = 0 THEN 'a' ELSE 'b' END, 'note ' || g"
                    + " FROM generate_series(1, 10) g");
            st.execute("ALTER TABLE tenant_notes ENABLE ROW LEVEL SECURITY");
            st.execute("CREATE POLICY by_tenant ON tenant_notes USING (tenant = current_setting('app.tenant', true))");
            st.execute("CREATE FUNCTION _concat(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $$"
                    + " SELECT CASE WHEN $1 IS NULL THEN $2 ELSE $1 || ', ' || $2 END $$");
            st.execute("CREATE AGGREGATE group_concat(text) (SFUNC = _concat, STYPE = text)");
            st.execute("CREATE AGGREGATE max_code(text) (SFUNC = text_larger, STYPE = text, SORTOP = >)");
            st.execute("ALTER TABLE \"Weird Schema\".\"order\" ADD COLUMN search tsvector");
            st.execute("CREATE TRIGGER order_search BEFORE INSERT OR UPDATE ON \"Weird Schema\".\"order\" FOR EACH ROW"
                    + " EXECUTE FUNCTION tsvector_update_trigger(search, 'pg_catalog.english', code)");
            st.execute("CREATE TRIGGER order_touch BEFORE UPDATE ON \"Weird Schema\".\"order\" FOR EACH ROW EXECUTE FUNCTION touch()");
            try (PreparedStatement parent = c.prepareStatement("INSERT INTO " + PARENT + " (id, \"Contact Email\", aliases,"
                    + " mood, size, full_name, doc, phone_numbers, emergency) VALUES (?, ?, ?, 'happy', ROW(?, 2), ?, XMLPARSE(CONTENT ?), ?,"
                    + " ROW('partner', ?, ?))");
                 PreparedStatement child = c.prepareStatement("INSERT INTO child_people (id, \"Contact Email\", aliases,"
                    + " mood, size, full_name, doc, phone_numbers, emergency, extra) VALUES (?, ?, ?, 'sad', ROW(?, 3), ?, XMLPARSE(CONTENT ?),"
                    + " ?, ROW('partner', ?, ?), 'x')");
                 PreparedStatement nokey = c.prepareStatement("INSERT INTO nokey VALUES (?, ?)")) {
                List<String> households = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    String first = f.name().firstName();
                    String last = f.name().lastName();
                    String email = (first + "." + last + i + "@" + f.internet().domainName()).replace("'", "")
                            .toLowerCase(Locale.ROOT);
                    String phone = f.phoneNumber().cellPhone();
                    emails.add(email);
                    phones.add(phone);
                    SourceValues.forEachWord(first + " " + last, nameWords::add);
                    if (households.size() < 5) {
                        households.add(last);
                    }
                    PreparedStatement ps = i % 5 == 0 ? child : parent;
                    ps.setInt(1, i);
                    ps.setString(2, email);
                    ps.setArray(3, c.createArrayOf("text", new String[] {first + " " + last, email, null}));
                    ps.setInt(4, i);
                    ps.setString(5, first + " " + last);
                    ps.setString(6, "<p><name>" + xml(first + " " + last) + "</name><mail>" + email + "</mail></p>");
                    ps.setArray(7, c.createArrayOf("varchar", new String[] {phone}));
                    ps.setString(8, last + ", " + first);
                    ps.setString(9, email);
                    ps.executeUpdate();
                    st.execute("INSERT INTO members VALUES (" + i + ", '" + first.replace("'", "''") + "', '"
                            + households.get(i % households.size()).replace("'", "''") + "', to_tsvector('simple', '"
                            + (first + " " + last + " " + email).replace("'", "''") + "'), '10.20." + (i % 250) + "."
                            + (i * 7 % 250) + "', '" + (first.toLowerCase(Locale.ROOT) + "_" + i).replace("'", "")
                            + "', convert_to('JPEG of " + i + "', 'UTF8'), '\\x0102', decode(md5('" + i + "'), 'hex'))");
                    st.execute("INSERT INTO visits VALUES (" + i + ", '" + (i % 2 == 0 ? "eu" : "us") + "', date '2025-03-01' + "
                            + (i % 200) + ", '" + (first + " " + last).replace("'", "''") + "')");
                    st.execute("INSERT INTO audit VALUES (" + i + ", '" + (first.toLowerCase(Locale.ROOT) + "_" + i)
                            .replace("'", "") + "')");
                    nokey.setString(1, first + " " + last);
                    nokey.setString(2, email);
                    nokey.executeUpdate();
                    if (i < 100) {
                        String hash = "$2a$10$" + UUID.nameUUIDFromBytes(email.getBytes()).toString().replace("-", "")
                                + "x7Qz0LmNpRsTuVwXyZ12";
                        String token = "sk_live_" + UUID.nameUUIDFromBytes(first.getBytes()).toString().replace("-", "") + i;
                        secrets.add(hash);
                        secrets.add(token);
                        st.execute("INSERT INTO \"Weird Schema\".\"order\" (\"select\", \"E-Mail Adresse\", \"na\"\"me\","
                                + " \"PasswordHash\", api_token) VALUES (" + i + ", '" + email + "', '"
                                + (first + " " + last).replace("'", "''") + "', '" + hash + "', '" + token + "')");
                    }
                }
            }
            st.execute("CREATE MATERIALIZED VIEW people_mv AS SELECT full_name, \"Contact Email\" AS email FROM " + PARENT);
            st.execute("CREATE VIEW people_v AS SELECT who, mail FROM nokey");
            st.execute("CREATE VIEW codes_v AS SELECT group_concat(code) AS codes, max_code(code) AS top FROM \"Weird Schema\".\"order\"");
        }
        SourceConnection source = new SourceConnection(pg.jdbcUrl(sourceDb), "postgres", pg.password());
        staging = DbNames.staging("awk" + UUID.randomUUID().toString().substring(0, 6), 1);
        engine.stageFrom(source, staging, CopyProgress.none());
        report = new MaskingPipeline("awkward-key").run(() -> engine.connect(staging), source, Map.of(),
                (phase, table, done, total) -> { });
        assertEquals(Boolean.TRUE, ((Map<?, ?>) report.get("leakScan")).get("passed"));
        engine.finishStaging(source, staging);
    }

    @AfterAll
    void drop() {
        if (engine != null) {
            engine.dropDatabase(staging);
            engine.dropDatabase(sourceDb);
        }
    }

    @Test
    void noOriginalEmailPhoneOrNameWordIsLeftInAnyTableOrView() throws SQLException {
        Map<String, Integer> leaks = new TreeMap<>();
        int relations = 0;
        try (Connection c = engine.connect(staging); Statement st = c.createStatement();
             ResultSet rels = c.createStatement().executeQuery("SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c"
                     + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm', 'v', 'p')"
                     + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')")) {
            while (rels.next()) {
                relations++;
                String rel = rels.getString(1);
                try (ResultSet rs = st.executeQuery("SELECT t::text FROM " + rel + " t")) {
                    while (rs.next()) {
                        String row = rs.getString(1).toLowerCase(Locale.ROOT);
                        emails.stream().filter(row::contains).forEach(e -> leaks.merge(rel + " e-mail", 1, Integer::sum));
                        phones.stream().filter(row::contains).forEach(p -> leaks.merge(rel + " phone", 1, Integer::sum));
                        secrets.stream().filter(x -> row.contains(x.toLowerCase(Locale.ROOT)))
                                .forEach(x -> leaks.merge(rel + " secret", 1, Integer::sum));
                        SourceValues.forEachWord(row, w -> {
                            if (nameWords.contains(w)) {
                                leaks.merge(rel + " name word", 1, Integer::sum);
                            }
                        });
                    }
                }
            }
        }
        assertEquals(14, relations, "eight tables, three of them partitions, two views and a materialized view");
        assertEquals(Map.of(), leaks, "no original value in any relation: arrays, XML, generated columns and views included");
    }

    @Test
    void namesUnderInnocentNamesSearchVectorsAndAddressesAreMaskedAndStayValid() throws SQLException {
        assertEquals("300", text("SELECT count(*) FROM members WHERE given ~ '^[[:upper:]][[:alpha:]]+$'"
                + " AND household ~ '^[[:upper:]]' AND length(words::text) > 0 AND family(peer) = 4"));
        assertTrue(Integer.parseInt(text("SELECT count(*) FROM members WHERE peer << '10.20.0.0/16'")) < 10,
                "the addresses are masked");
        assertEquals("300", text("SELECT count(*) FROM members WHERE words @@ to_tsquery('simple', split_part(given, ' ', 1))"),
                "the search vector holds the masked names");
        assertEquals("300|300", text("SELECT count(DISTINCT handle) || '|' || count(*) FILTER (WHERE handle ~ '^[a-z]+_[a-z]+[0-9]{6}$'"
                + " OR handle ~ '^[a-z][a-z0-9]{5,13}$') FROM members"), "user names are pseudonyms, unique and fitting");
        assertEquals("300|300|300", text("SELECT count(*) FILTER (WHERE photo IS NULL) || '|' || count(*) FILTER"
                + " (WHERE signature = ''::bytea) || '|' || count(*) FILTER (WHERE checksum = decode(md5(id::text), 'hex'))"
                + " FROM members"), "photos are cleared (NOT NULL ones emptied), other binary columns kept");
        assertEquals("300", text("SELECT count(*) FROM audit a JOIN members m ON m.handle = a.done_by AND m.id = a.at"),
                "a user name referred to elsewhere by value gets the same pseudonym");
    }

    @Test
    void partitionedTablesKeepTheirPartitionsBoundsAndIndexes() throws SQLException {
        assertEquals("visits:p|visits_eu:p|visits_eu_2025:r|visits_other:r", text("SELECT string_agg(relname || ':' || relkind::text,"
                + " '|' ORDER BY relname) FROM pg_class WHERE relname LIKE 'visits%' AND relkind IN ('r', 'p')"));
        assertEquals("150|150|300", text("SELECT (SELECT count(*) FROM visits_eu_2025) || '|' || (SELECT count(*) FROM"
                + " visits_other) || '|' || (SELECT count(*) FROM visits)"), "each row is in the partition it was in");
        assertEquals("FOR VALUES IN ('eu')", text("SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'visits_eu'"));
        assertEquals("visits_other_day|1|4", text("SELECT (SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%(on_day)%')"
                + " || '|' || (SELECT count(*) FROM pg_constraint WHERE conname = 'visits_other_not_eu') || '|' || (SELECT"
                + " count(*) FROM pg_constraint WHERE contype = 'p' AND conrelid::regclass::text LIKE 'visits%')"),
                "a partition's own index and CHECK are staged too, the parent's primary key once on each level");
        assertEquals("4", text("SELECT count(*) FROM pg_indexes WHERE indexdef LIKE '%(visitor)%' AND tablename LIKE 'visits%'"),
                "the parent's index, and the same index on each partition");
        try (Connection c = engine.connect(staging); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            // what a team's migration does every month: it works on the staged copy as on the source
            st.execute("CREATE TABLE visits_eu_2026 PARTITION OF visits_eu FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
            c.rollback();
        }
    }

    @Test
    void arraysXmlAndCompositesKeepTheirShape() throws SQLException {
        assertEquals("300", text("SELECT count(*) FROM " + PARENT + " WHERE array_length(aliases, 1) = 3 AND aliases[3] IS NULL"
                + " AND aliases[2] LIKE '%@%' AND array_length(phone_numbers, 1) = 1 AND doc IS DOCUMENT"
                + " AND xpath_exists('/p/name/text()', doc) AND (xpath('/p/mail/text()', doc))[1]::text LIKE '%@%'"
                + " AND (emergency).label = 'partner' AND (emergency).person LIKE '%, %' AND (emergency).reach LIKE '%@%'"));
    }

    @Test
    void inheritanceTypesAndDomainConstraintsAreTheSourcesAgain() throws SQLException {
        assertEquals("240", text("SELECT count(*) FROM ONLY " + PARENT), "the parent holds its own rows only");
        assertEquals("60", text("SELECT count(*) FROM child_people"));
        assertEquals("300", text("SELECT count(*) FROM " + PARENT), "the child inherits from the parent again");
        assertEquals("300", text("SELECT count(*) FROM " + PARENT + " WHERE (size).height IN (2, 3) AND mood IN ('happy', 'sad')"
                + " AND name_upper = upper(full_name)"));
        assertEquals("true", text("SELECT (count(*) > 0)::text FROM pg_stats WHERE tablename IN ('nokey', 'MixedCase')"),
                "the staged copy has planner statistics");
        assertEquals("C", text("SELECT collname FROM pg_collation WHERE oid = (SELECT attcollation FROM pg_attribute"
                + " WHERE attrelid = 'nokey'::regclass AND attname = 'code')"), "a column's own collation is kept");
        assertEquals("work_email", text("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = '" + PARENT + "'::regclass AND attname = 'Contact Email'"));
        SQLException check = assertThrows(SQLException.class,
                () -> text("INSERT INTO " + PARENT + " (id, \"Contact Email\") VALUES (-1, 'no at sign') RETURNING 1"));
        assertEquals("23514", check.getSQLState(), "the domain's CHECK holds after masking");
        SQLException notNull = assertThrows(SQLException.class,
                () -> text("INSERT INTO " + PARENT + " (id, \"Contact Email\") VALUES (-2, NULL) RETURNING 1"));
        assertEquals("23502", notNull.getSQLState(), "the domain's NOT NULL holds after masking");
    }

    @Test
    void aStagingDatabaseThatAlreadyHasTheInheritanceTreeKeepsTheChildrensRows() throws SQLException {
        // a restored backup arrives with its inheritance in place: masking the parent must not empty its children
        String restored = DbNames.staging("awr" + UUID.randomUUID().toString().substring(0, 6), 1);
        try (Connection c = engine.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + restored + " TEMPLATE " + sourceDb + " STRATEGY FILE_COPY");
        }
        try {
            var pg = DevStack.shared().postgres();
            SourceConnection source = new SourceConnection(pg.jdbcUrl(sourceDb), "postgres", pg.password());
            report = new MaskingPipeline("awkward-key").run(() -> engine.connect(restored), source,
                    Map.of(), (phase, table, done, total) -> { });
            assertEquals(Boolean.TRUE, ((Map<?, ?>) report.get("leakScan")).get("passed"));
            try (Connection c = engine.connect(restored); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM ONLY " + PARENT + "), (SELECT count(*) FROM"
                         + " child_people), (SELECT count(*) FROM child_people WHERE \"Contact Email\" = ANY (?::text[]))"
                         .replace("?::text[]", "'{" + String.join(",", emails) + "}'::text[]"))) {
                rs.next();
                assertEquals(240, rs.getInt(1));
                assertEquals(60, rs.getInt(2), "the children's rows are still there");
                assertEquals(0, rs.getInt(3), "and masked");
            }
        } finally {
            engine.dropDatabase(restored);
        }
    }

    @Test
    void theProposalFromTheReportPassesItsOwnCheckForTheGeneratedColumn() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> columns = (List<Map<String, Object>>) report.get("columns");
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Map<String, Object> c : columns) {
            Map<String, Object> entry = new HashMap<>(c);
            entry.keySet().retainAll(Policy.ENTRY_KEYS);
            entries.add(entry);
        }
        Policy proposed = PolicyFile.parse(PolicyFile.format(Policy.fromMap(Map.of("version", 1, "columns", entries))));
        ColumnPolicy generated = proposed.find("Weird Schema", "MixedCase", "name_upper");
        assertTrue(generated.generated(), generated.toString());
        assertEquals("keep", generated.rule());
        assertTrue(SensitiveClass.byId(generated.cls()).sensitive(), "the generated column keeps its class: " + generated);
        assertEquals(List.of(), PolicyCheck.check(proposed, proposed).stream()
                .filter(p -> p.column().equals("name_upper")).toList());
    }

    @Test
    void aRuleThatWouldBreakACompositeValueIsRefusedByName() throws SQLException {
        String other = DbNames.staging("awp" + UUID.randomUUID().toString().substring(0, 6), 1);
        var pg = DevStack.shared().postgres();
        SourceConnection source = new SourceConnection(pg.jdbcUrl(sourceDb), "postgres", pg.password());
        try {
            engine.stageFrom(source, other, CopyProgress.none());
            MaskingException e = assertThrows(MaskingException.class, () -> new MaskingPipeline("awkward-key").run(
                    () -> engine.connect(other), source, Map.of("columns", List.of(Map.of("schema", "Weird Schema",
                            "table", "MixedCase", "column", "emergency", "rule", "email"))), (phase, table, done, total) -> { }));
            assertEquals("unsupported-type", e.kind());
            assertTrue(e.getMessage().contains("free_text"), e.getMessage());
        } finally {
            engine.dropDatabase(other);
        }
    }

    @Test
    void functionsDefaultsChecksAndTriggersOfTheSourceWorkInStaging() throws SQLException {
        String order = "\"Weird Schema\".\"order\"";
        assertEquals("100", text("SELECT count(*) FROM " + order + " WHERE \"E-Mail Adresse\" LIKE '%@%' AND code = 'C-7'"
                + " AND \"PasswordHash\" ~ '^\\$[0-9a-z]{2}\\$[0-9]{2}\\$' AND length(\"PasswordHash\") = 59"
                + " AND api_token ~ '^[a-z]{2}_[a-z]{4}_'"), "credentials masked in their own shape");
        assertEquals("C-7|true", text("INSERT INTO " + order + " (\"select\") VALUES (-1) RETURNING code || '|' || (touched IS NULL)"));
        assertEquals("false", text("UPDATE " + order + " SET code = 'C-8' WHERE \"select\" = -1 RETURNING (touched IS NULL)::text"),
                "the source's trigger runs in staging");
        assertEquals("true", text("SELECT (search @@ 'c'::tsquery)::text FROM " + order + " WHERE \"select\" = -1"),
                "a trigger calling a built-in function with arguments");
        assertEquals("C-8", text("SELECT top FROM codes_v"), "a view over the source's own aggregates");
        SQLException check = assertThrows(SQLException.class,
                () -> text("UPDATE " + order + " SET code = 'nope' WHERE \"select\" = -1 RETURNING 1"));
        assertEquals("23514", check.getSQLState());
    }

    @Test
    void rowLevelSecurityIsTheSourcesAndNeverHidesRowsFromTheCopy() throws SQLException {
        assertEquals("10|true|1", text("SELECT (SELECT count(*) FROM tenant_notes) || '|' || (SELECT relrowsecurity::text"
                + " FROM pg_class WHERE oid = 'tenant_notes'::regclass) || '|' || (SELECT count(*) FROM pg_policy"
                + " WHERE polrelid = 'tenant_notes'::regclass AND polname = 'by_tenant')"));
        // a reader that row-level security would show no rows to: a clear error, not an empty table
        var pg = DevStack.shared().postgres();
        String reader = "awk_reader_" + UUID.randomUUID().toString().substring(0, 6);
        String other = DbNames.staging("awq" + UUID.randomUUID().toString().substring(0, 6), 1);
        try (Connection c = pg.connect(sourceDb); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + reader + " LOGIN PASSWORD 'reader-pass'");
            st.execute("GRANT CONNECT ON DATABASE " + sourceDb + " TO " + reader);
            st.execute("GRANT USAGE ON SCHEMA public, \"Weird Schema\" TO " + reader);
            st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public, \"Weird Schema\" TO " + reader);
        }
        try {
            EngineException e = assertThrows(EngineException.class, () -> engine.stageFrom(new SourceConnection(
                    pg.jdbcUrl(sourceDb), reader, "reader-pass"), other, CopyProgress.none()));
            assertEquals("source-permission", e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("tenant_notes"), e.getMessage());
        } finally {
            engine.dropDatabase(other);
            try (Connection c = pg.connect(sourceDb); Statement st = c.createStatement()) {
                st.execute("REVOKE CONNECT ON DATABASE " + sourceDb + " FROM " + reader);
                st.execute("DROP OWNED BY " + reader);
                st.execute("DROP ROLE " + reader);
            }
        }
    }

    private String text(String sql) throws SQLException {
        try (Connection c = engine.connect(staging); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;");
    }
}
