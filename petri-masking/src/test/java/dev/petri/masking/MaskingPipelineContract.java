package dev.petri.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petri.devstack.DemoDatabase;
import dev.petri.devstack.DevStack;
import dev.petri.engine.CopyProgress;
import dev.petri.engine.DbNames;
import dev.petri.engine.EngineHost;
import dev.petri.engine.SourceConnection;
import dev.petri.engine.postgres.PostgresEngine;
import dev.petri.masking.detect.Validators;
import dev.petri.masking.policy.Policy;
import dev.petri.masking.policy.PolicyCheck;
import dev.petri.masking.policy.PolicyFile;
import dev.petri.masking.scan.SourceValues;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The masking pipeline against a real PostgreSQL 18 holding the demo production database. */
class MaskingPipelineIT {

    private static final String KEY = "test-masking-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PostgresEngine engine;
    private static SourceConnection source;
    private static String sourceChecksum;
    private static final List<String> staged = new ArrayList<>();
    private static String maskedOnce;
    private static Map<String, Object> reportOnce;

    @BeforeAll
    static void createSource() throws SQLException {
        var pg = DevStack.shared().postgres();
        engine = new PostgresEngine(new EngineHost("local", "postgres", pg.jdbcUrl("postgres"), "postgres",
                pg.password(), "127.0.0.1", pg.port(), 100));
        String db = "masking_source_" + unique();
        pg.createDatabase(db);
        String role = "masking_reader_" + unique();
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            DemoDatabase.create(c, 400, 42);
            st.execute("UPDATE customers SET phone = NULL, contact = NULL WHERE id % 7 = 0");
            st.execute("UPDATE payments SET ref_code = NULL WHERE id % 11 = 0");
            st.execute("UPDATE crm.\"Leads\" SET \"Notes\" = NULL WHERE \"FullName\" < 'C'");
            st.execute("CREATE TABLE newsletter (subscriber varchar(120) PRIMARY KEY REFERENCES customers(email),"
                    + " since date NOT NULL)");
            st.execute("INSERT INTO newsletter SELECT email, DATE '2025-01-01' FROM customers WHERE id % 3 = 0");
            st.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'reader-pass'");
            st.execute("GRANT CONNECT ON DATABASE " + db + " TO " + role);
            st.execute("GRANT USAGE ON SCHEMA public, crm TO " + role);
            st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public, crm TO " + role);
            st.execute("GRANT SELECT ON ALL SEQUENCES IN SCHEMA public, crm TO " + role);
        }
        source = new SourceConnection(pg.jdbcUrl(db), role, "reader-pass");
        sourceChecksum = checksum(source);
    }

    @AfterAll
    static void dropStaging() {
        staged.forEach(engine::dropDatabase);
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private static String stage() {
        String name = DbNames.staging("mask" + unique(), 1);
        staged.add(name);
        engine.stageFrom(source, name, CopyProgress.none());
        return name;
    }

    private static Map<String, Object> mask(String staging, String key, Map<String, Object> policy) {
        Map<String, Long> progress = new ConcurrentHashMap<>();
        Map<String, Object> report = new MaskingPipeline(key).run(() -> engine.connect(staging), source, policy,
                (phase, table, done, total) -> progress.merge(phase + ":" + table, done, Math::max));
        assertTrue(progress.getOrDefault("mask:public.payments", 0L) > 0, "progress is reported per table");
        return report;
    }

    private static synchronized String maskedStaging() {
        if (maskedOnce == null) {
            String s = stage();
            reportOnce = mask(s, KEY, Map.of());
            engine.finishStaging(source, s);
            maskedOnce = s;
        }
        return maskedOnce;
    }

    @Test
    void leavesNoOriginalEmailPhoneCardSsnOrNameAnywhereInStaging() throws SQLException {
        String staging = maskedStaging();
        Set<String> originals = new HashSet<>();
        Set<String> nameWords = new HashSet<>();
        try (Connection c = sourceConnection(); Statement st = c.createStatement()) {
            collect(st, "SELECT email FROM customers UNION SELECT phone FROM customers UNION SELECT national_id"
                    + " FROM customers UNION SELECT card_number FROM payments", originals);
            try (ResultSet rs = st.executeQuery("SELECT first_name, last_name FROM customers")) {
                while (rs.next()) {
                    SourceValues.forEachWord(rs.getString(1) + " " + rs.getString(2), nameWords::add);
                }
            }
        }
        assertTrue(originals.size() > 1_000, "the source has sensitive values to look for");
        Map<String, Integer> leaks = new HashMap<>();
        try (Connection c = engine.connect(staging); Statement st = c.createStatement()) {
            for (String table : List.of("customers", "addresses", "orders", "payments", "support_notes", "newsletter",
                    "crm.\"Leads\"", "customer_order_totals")) {
                try (ResultSet rs = st.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rs.next()) {
                        String row = rs.getString(1).toLowerCase(Locale.ROOT);
                        for (String o : originals) {
                            if (o != null && row.contains(o.trim().toLowerCase(Locale.ROOT))) {
                                leaks.merge(table + " value", 1, Integer::sum);
                            }
                        }
                        SourceValues.forEachWord(row, w -> {
                            if (nameWords.contains(w)) {
                                leaks.merge(table + " name", 1, Integer::sum);
                            }
                        });
                    }
                }
            }
        }
        assertEquals(Map.of(), leaks, "no original value or name word survives, in any table or view");
        assertEquals(Boolean.TRUE, ((Map<?, ?>) reportOnce.get("leakScan")).get("passed"));
    }

    @Test
    void findsTheCardUnderAnInnocentNameAndMasksItLikeTheCardColumn() throws SQLException {
        String staging = maskedStaging();
        Map<String, Object> refCode = column(reportOnce, "payments", "ref_code");
        assertEquals("payment_card", refCode.get("class"));
        assertTrue(String.valueOf(refCode.get("evidence")).startsWith("content"), "found by content");
        int cards = 0;
        try (Connection c = engine.connect(staging); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT card_number, ref_code FROM payments WHERE ref_code NOT LIKE 'R%'")) {
            while (rs.next()) {
                cards++;
                assertEquals(rs.getString(1), rs.getString(2), "the same card gets the same masked value");
                assertTrue(Validators.luhn(rs.getString(1)) && rs.getString(1).startsWith("400000"),
                        "masked cards are Luhn-valid, in the test range");
            }
        }
        assertTrue(cards > 50);
    }

    @Test
    void keepsConstraintsNullsJoinsAndTheView() throws SQLException {
        String staging = maskedStaging();
        for (String sql : List.of(
                "SELECT count(*) FROM customers WHERE phone IS NULL",
                "SELECT count(*) FROM customers WHERE contact IS NULL",
                "SELECT count(*) FROM payments WHERE ref_code IS NULL",
                "SELECT count(*) FROM crm.\"Leads\" WHERE \"Notes\" IS NULL",
                "SELECT count(*) FROM customers c JOIN orders o ON o.customer_id = c.id JOIN payments p ON p.order_id = o.id",
                "SELECT count(*) FROM customer_order_totals",
                "SELECT count(DISTINCT email) FROM customers",
                "SELECT count(*) FROM crm.\"Leads\"",
                "SELECT count(*) FROM newsletter n JOIN customers c ON c.email = n.subscriber")) {
            assertEquals(count(source, sql), count(staging, sql), sql);
        }
        assertTrue(count(staging, "SELECT count(*) FROM customers WHERE phone IS NULL") > 10);
        assertTrue(count(staging, "SELECT count(*) FROM newsletter n JOIN customers c ON c.email = n.subscriber") > 100,
                "a foreign key carrying an e-mail is masked the same way on both sides");
        SQLException duplicate = assertThrows(SQLException.class, () -> execute(staging,
                "INSERT INTO customers (first_name, last_name, email) SELECT first_name, last_name, email FROM customers LIMIT 1"));
        assertEquals("23505", duplicate.getSQLState(), "the unique constraint on email was built and holds");
        SQLException check = assertThrows(SQLException.class, () -> execute(staging,
                "UPDATE orders SET status = 'LOST' WHERE id = 1"));
        assertEquals("23514", check.getSQLState(), "the check constraint was built and holds");
        assertEquals(0, count(staging, "SELECT count(*) FROM customers c WHERE c.email = ANY(ARRAY(SELECT email FROM customers"
                + " WHERE id <> c.id))"));
    }

    @Test
    void replacesNamesEmailsAndPhonesInTextAndJsonWithTheColumnsMaskedValues() throws Exception {
        String staging = maskedStaging();
        int checked = 0;
        try (Connection c = engine.connect(staging); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT c.first_name, c.last_name, c.email, c.phone, c.contact::text, n.body"
                     + " FROM customers c JOIN support_notes n ON n.customer_id = c.id WHERE c.phone IS NOT NULL")) {
            while (rs.next()) {
                String body = rs.getString(6);
                assertTrue(body.contains(rs.getString(1) + " " + rs.getString(2)), "the note names the masked customer: " + rs.getString(1) + " " + rs.getString(2) + " in " + body);
                assertTrue(body.contains(rs.getString(3)), "the note holds the masked e-mail");
                assertTrue(body.contains(rs.getString(4)), "the note holds the masked phone");
                JsonNode contact = JSON.readTree(rs.getString(5));
                assertEquals(rs.getString(3), contact.get("email").asText());
                assertEquals(rs.getString(4), contact.get("phone").asText());
                assertTrue(contact.get("preferences").has("newsletter"), "the document keeps its keys");
                checked++;
            }
        }
        assertTrue(checked > 100);
        try (Connection c = engine.connect(staging); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"FullName\", \"EMail\" FROM crm.\"Leads\" l"
                     + " WHERE EXISTS (SELECT 1 FROM customers c WHERE c.email = l.\"EMail\""
                     + " AND c.first_name || ' ' || c.last_name = l.\"FullName\")")) {
            int leads = 0;
            while (rs.next()) {
                leads++;
            }
            assertEquals(count(staging, "SELECT count(*) FROM crm.\"Leads\""), leads,
                    "the quoted mixed-case table is masked consistently with customers");
        }
    }

    @Test
    void movesBirthDatesWithinTheWindowAndNeverKeepsThem() throws SQLException {
        String staging = maskedStaging();
        Map<Long, LocalDate> before = dates(source, "SELECT id, date_of_birth FROM customers");
        Map<Long, LocalDate> after = dates(staging, "SELECT id, date_of_birth FROM customers");
        for (Map.Entry<Long, LocalDate> e : before.entrySet()) {
            long days = Math.abs(ChronoUnit.DAYS.between(e.getValue(), after.get(e.getKey())));
            assertTrue(days >= 1 && days <= 180, "shifted by 1..180 days");
        }
    }

    @Test
    void sameKeyGivesTheSameResultAnotherKeyADifferentOne() throws SQLException {
        String first = maskedStaging();
        String second = stage();
        mask(second, KEY, Map.of());
        String third = stage();
        mask(third, "another-key", Map.of());
        String sql = "SELECT md5(string_agg(c::text, ',' ORDER BY id)) FROM customers c";
        assertEquals(text(first, sql), text(second, sql));
        assertNotEquals(text(first, sql), text(third, sql));
        assertEquals(sourceChecksum, checksum(source), "the source is never modified");
    }

    @Test
    void failsWithLeakFoundWhenASensitiveColumnIsKept() {
        String staging = stage();
        Map<String, Object> policy = Map.of("columns", List.of(Map.of("schema", "public", "table", "customers",
                "column", "national_id", "rule", "keep")));
        MaskingException e = assertThrows(MaskingException.class, () -> mask(staging, KEY, policy));
        assertEquals("leak-found", e.kind());
        assertTrue(e.getMessage().contains("public.customers.national_id"), e.getMessage());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) ((Map<String, Object>) e.report().get("leakScan"))
                .get("findings");
        assertTrue(findings.stream().anyMatch(f -> f.get("column").equals("national_id")
                && f.get("class").equals("national_id") && ((Number) f.get("count")).longValue() > 300), findings.toString());
        assertFalse(findings.stream().anyMatch(f -> f.get("table").equals("support_notes")), "only the kept column leaks");
    }

    @Test
    void rejectsBadPoliciesWithClearKinds() {
        String staging = stage();
        assertEquals("policy", assertThrows(MaskingException.class, () -> mask(staging, KEY, Map.of("columns", List.of(
                Map.of("schema", "public", "table", "customers", "column", "shoe_size", "rule", "keep"))))).kind());
        assertEquals("policy", assertThrows(MaskingException.class, () -> mask(staging, KEY, Map.of("columns", List.of(
                Map.of("schema", "public", "table", "customers", "column", "email", "rule", "rot13"))))).kind());
        assertEquals("unsupported-type", assertThrows(MaskingException.class, () -> mask(staging, KEY, Map.of("columns",
                List.of(Map.of("schema", "public", "table", "orders", "column", "ordered_at", "rule", "email"))))).kind());
        assertEquals("constraint", assertThrows(MaskingException.class, () -> mask(staging, KEY, Map.of("columns",
                List.of(Map.of("schema", "public", "table", "customers", "column", "email", "rule", "redact"))))).kind());
        assertEquals("constraint", assertThrows(MaskingException.class, () -> mask(staging, KEY, Map.of("columns",
                List.of(Map.of("schema", "public", "table", "orders", "column", "status", "rule", "shape"))))).kind());
    }

    @Test
    void proposesAPolicyThatPassesItsOwnCheckOnceEverySensitiveColumnHasARule() throws SQLException {
        String staging = stage();
        MaskingPipeline pipeline = new MaskingPipeline(KEY);
        Policy proposed = pipeline.classify(() -> engine.connect(staging), source);
        Policy reread = PolicyFile.parse(PolicyFile.format(proposed));
        assertEquals(proposed.columns().size(), reread.columns().size());
        assertEquals(List.of(), pipeline.checkPolicy(() -> engine.connect(staging), source, reread));
        assertEquals("person_name", reread.find("crm", "Leads", "FullName").cls());
        assertEquals("free_text", reread.find("public", "support_notes", "body").cls());
        assertEquals("json", reread.find("public", "customers", "contact").cls());
        assertEquals("identifier", reread.find("public", "orders", "customer_id").cls());

        List<Map<String, Object>> entries = new ArrayList<>();
        for (var c : reread.columns()) {
            if (!(c.table().equals("customers") && c.column().equals("email"))) {
                Map<String, Object> m = new HashMap<>(c.toMap());
                if (c.column().equals("phone")) {
                    m.put("rule", "keep");
                }
                entries.add(m);
            }
        }
        List<PolicyCheck.Problem> problems = pipeline.checkPolicy(() -> engine.connect(staging), source,
                Policy.fromMap(Map.of("columns", entries)));
        assertTrue(problems.stream().anyMatch(p -> p.column().equals("email") && p.problem().contains("not in the policy")));
        assertTrue(problems.stream().anyMatch(p -> p.column().equals("phone") && p.problem().contains("no masking rule")));
    }

    private static Map<String, Object> column(Map<String, Object> report, String table, String column) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cols = (List<Map<String, Object>>) report.get("columns");
        return cols.stream().filter(c -> c.get("table").equals(table) && c.get("column").equals(column)).findFirst()
                .orElseThrow();
    }

    private static Connection sourceConnection() throws SQLException {
        return DriverManager.getConnection(source.jdbcUrl(), source.username(), source.password());
    }

    private static void collect(Statement st, String sql, Set<String> into) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                if (rs.getString(1) != null) {
                    into.add(rs.getString(1));
                }
            }
        }
    }

    private static String checksum(SourceConnection s) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.username(), s.password());
             Statement st = c.createStatement()) {
            for (String t : List.of("customers", "addresses", "orders", "payments", "support_notes", "crm.\"Leads\"")) {
                try (ResultSet rs = st.executeQuery("SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM " + t + " t")) {
                    rs.next();
                    sb.append(rs.getString(1));
                }
            }
        }
        return sb.toString();
    }

    private static long count(SourceConnection s, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.username(), s.password());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long count(String database, String sql) throws SQLException {
        return Long.parseLong(text(database, sql));
    }

    private static String text(String database, String sql) throws SQLException {
        try (Connection c = engine.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Map<Long, LocalDate> dates(SourceConnection s, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.username(), s.password())) {
            return dates(c, sql);
        }
    }

    private static Map<Long, LocalDate> dates(String database, String sql) throws SQLException {
        try (Connection c = engine.connect(database)) {
            return dates(c, sql);
        }
    }

    private static Map<Long, LocalDate> dates(Connection c, String sql) throws SQLException {
        Map<Long, LocalDate> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getObject(2, LocalDate.class));
            }
        }
        return out;
    }

    private static void execute(String database, String sql) throws SQLException {
        try (Connection c = engine.connect(database); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
