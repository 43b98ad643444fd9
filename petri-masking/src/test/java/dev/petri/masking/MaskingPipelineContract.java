package dev.petri.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petri.engine.CopyProgress;
import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.DbNames;
import dev.petri.engine.SourceConnection;
import dev.petri.masking.detect.Validators;
import dev.petri.masking.policy.Policy;
import dev.petri.masking.policy.PolicyCheck;
import dev.petri.masking.policy.PolicyFile;
import dev.petri.masking.scan.SourceValues;
import java.sql.Connection;
import java.sql.DriverManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The masking contract every engine meets, run against a real server holding the demo production
 * database: no masked value leaks, the source is never written, uniqueness, checks, foreign keys,
 * NULLs and views hold, the same key gives the same result. Subclasses bring the engine, the demo
 * source (with a read-only login) and the few things that differ: default schema, quoting, error
 * codes. The SQL of the assertions is plain enough to run on PostgreSQL and SQL Server alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MaskingPipelineContract {

    protected static final String KEY = "test-masking-key";
    protected static final int CUSTOMERS = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private DatabaseEngine engine;
    private SourceConnection source;
    private String sourceChecksum;
    private final List<String> staged = new ArrayList<>();
    private String maskedOnce;
    private Map<String, Object> reportOnce;

    /** The engine under test, with administrative rights on its host. */
    protected abstract DatabaseEngine createEngine() throws SQLException;

    /**
     * Creates the demo source database (with {@link #CUSTOMERS} customers, then {@link #adjustDemo}
     * applied) and a read-only login for it.
     */
    protected abstract SourceConnection createSource(DatabaseEngine engine) throws SQLException;

    /** Drops what {@link #createSource} made, where the engine does not do it for itself. */
    protected void dropSource() {
    }

    /** The schema that unqualified names land in ({@code public}, {@code dbo}). */
    protected abstract String defaultSchema();

    /** A quoted identifier, case kept. */
    protected abstract String q(String identifier);

    /** Whether the error is a unique-constraint violation. */
    protected abstract boolean isUniqueViolation(SQLException e);

    /** Whether the error is a check-constraint violation. */
    protected abstract boolean isCheckViolation(SQLException e);

    /** Nulls in some sensitive columns, and a table whose primary key is a foreign key carrying an e-mail. */
    protected final void adjustDemo(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("UPDATE customers SET phone = NULL, contact = NULL WHERE id % 7 = 0");
            st.execute("UPDATE payments SET ref_code = NULL WHERE id % 11 = 0");
            st.execute("UPDATE crm." + q("Leads") + " SET " + q("Notes") + " = NULL WHERE " + q("FullName") + " < 'C'");
            st.execute("CREATE TABLE newsletter (subscriber varchar(120) PRIMARY KEY REFERENCES customers(email),"
                    + " since date NOT NULL)");
            st.execute("INSERT INTO newsletter SELECT email, CAST('2025-01-01' AS date) FROM customers WHERE id % 3 = 0");
        }
    }

    @BeforeAll
    void createSource() throws SQLException {
        engine = createEngine();
        source = createSource(engine);
        sourceChecksum = checksum(source);
    }

    @AfterAll
    void dropStaging() {
        if (engine != null) {
            staged.forEach(engine::dropDatabase);
        }
        dropSource();
    }

    private String leads() {
        return "crm." + q("Leads");
    }

    protected static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private String stage() {
        String name = DbNames.staging("mask" + unique(), 1);
        staged.add(name);
        engine.stageFrom(source, name, CopyProgress.none());
        return name;
    }

    private Map<String, Object> mask(String staging, String key, Map<String, Object> policy) {
        Map<String, Long> progress = new ConcurrentHashMap<>();
        Map<String, Object> report = new MaskingPipeline(key).run(() -> engine.connect(staging), source, policy,
                (phase, table, done, total) -> progress.merge(phase + ":" + table, done, Math::max));
        assertTrue(progress.getOrDefault("mask:" + defaultSchema() + ".payments", 0L) > 0,
                "progress is reported per table");
        return report;
    }

    private synchronized String maskedStaging() {
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
                    leads(), "customer_order_totals")) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    while (rs.next()) {
                        String row = rowText(rs).toLowerCase(Locale.ROOT);
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
                "SELECT count(*) FROM " + leads() + " WHERE " + q("Notes") + " IS NULL",
                "SELECT count(*) FROM customers c JOIN orders o ON o.customer_id = c.id JOIN payments p ON p.order_id = o.id",
                "SELECT count(*) FROM customer_order_totals",
                "SELECT count(DISTINCT email) FROM customers",
                "SELECT count(*) FROM " + leads(),
                "SELECT count(*) FROM newsletter n JOIN customers c ON c.email = n.subscriber")) {
            assertEquals(count(source, sql), count(staging, sql), sql);
        }
        assertTrue(count(staging, "SELECT count(*) FROM customers WHERE phone IS NULL") > 10);
        assertTrue(count(staging, "SELECT count(*) FROM newsletter n JOIN customers c ON c.email = n.subscriber") > 100,
                "a foreign key carrying an e-mail is masked the same way on both sides");
        SQLException duplicate = assertThrows(SQLException.class, () -> execute(staging,
                "INSERT INTO customers (first_name, last_name, email) SELECT first_name, last_name, email FROM customers"
                        + " WHERE id = (SELECT min(id) FROM customers)"));
        assertTrue(isUniqueViolation(duplicate), "the unique constraint on email was built and holds: " + duplicate);
        SQLException check = assertThrows(SQLException.class, () -> execute(staging,
                "UPDATE orders SET status = 'LOST' WHERE id = 1"));
        assertTrue(isCheckViolation(check), "the check constraint was built and holds: " + check);
        assertEquals(0, count(staging, "SELECT count(*) FROM customers c WHERE EXISTS (SELECT 1 FROM customers d"
                + " WHERE d.email = c.email AND d.id <> c.id)"));
    }

    @Test
    void replacesNamesEmailsAndPhonesInTextAndJsonWithTheColumnsMaskedValues() throws Exception {
        String staging = maskedStaging();
        int checked = 0;
        try (Connection c = engine.connect(staging); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT c.first_name, c.last_name, c.email, c.phone, c.contact, n.body"
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
             ResultSet rs = st.executeQuery("SELECT " + q("FullName") + ", " + q("EMail") + " FROM " + leads() + " l"
                     + " WHERE EXISTS (SELECT 1 FROM customers c WHERE c.email = l." + q("EMail")
                     + " AND CONCAT(c.first_name, ' ', c.last_name) = l." + q("FullName") + ")")) {
            int leads = 0;
            while (rs.next()) {
                leads++;
            }
            assertEquals(count(staging, "SELECT count(*) FROM " + leads()), leads,
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
        String sql = "SELECT * FROM customers ORDER BY id";
        assertEquals(rowsHash(first, sql), rowsHash(second, sql));
        assertNotEquals(rowsHash(first, sql), rowsHash(third, sql));
        assertEquals(sourceChecksum, checksum(source), "the source is never modified");
    }

    @Test
    void failsWithLeakFoundWhenASensitiveColumnIsKept() {
        String staging = stage();
        Map<String, Object> policy = Map.of("columns", List.of(Map.of("schema", defaultSchema(), "table", "customers",
                "column", "national_id", "rule", "keep")));
        MaskingException e = assertThrows(MaskingException.class, () -> mask(staging, KEY, policy));
        assertEquals("leak-found", e.kind());
        assertTrue(e.getMessage().contains(defaultSchema() + ".customers.national_id"), e.getMessage());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) ((Map<String, Object>) e.report().get("leakScan"))
                .get("findings");
        assertTrue(findings.stream().anyMatch(f -> f.get("column").equals("national_id")
                && f.get("class").equals("national_id") && ((Number) f.get("count")).longValue() > 300), findings.toString());
        assertFalse(findings.stream().anyMatch(f -> f.get("table").equals("support_notes")), "only the kept column leaks");
        assertFalse(e.getMessage().contains("give them a rule"), "not names only: " + e.getMessage());
    }

    @Test
    void aKeptColumnOfNamesFailsWithWhatToDo() {
        String staging = stage();
        Map<String, Object> policy = Map.of("columns", List.of(Map.of("schema", defaultSchema(), "table", "customers",
                "column", "last_name", "class", "not_sensitive", "rule", "keep")));
        MaskingException e = assertThrows(MaskingException.class, () -> mask(staging, KEY, policy));
        assertEquals("leak-found", e.kind());
        assertTrue(e.getMessage().contains(defaultSchema() + ".customers.last_name") && e.getMessage().contains(
                "words of the source's person names in columns left unmasked: give them a rule in the policy"), e.getMessage());
    }

    @Test
    void rejectsBadPoliciesWithClearKinds() {
        String staging = stage();
        assertEquals("policy", assertThrows(MaskingException.class, () -> mask(staging, KEY, Map.of("columns", List.of(
                Map.of("schema", defaultSchema(), "table", "customers", "column", "shoe_size", "rule", "keep"))))).kind());
        assertEquals("policy", assertThrows(MaskingException.class, () -> mask(staging, KEY, Map.of("columns", List.of(
                Map.of("schema", defaultSchema(), "table", "customers", "column", "email", "rule", "rot13"))))).kind());
        assertEquals("unsupported-type", assertThrows(MaskingException.class, () -> mask(staging, KEY, Map.of("columns",
                List.of(Map.of("schema", defaultSchema(), "table", "orders", "column", "ordered_at", "rule", "email"))))).kind());
        assertEquals("unsupported-type", assertThrows(MaskingException.class, () -> mask(staging, KEY, Map.of("columns",
                List.of(Map.of("schema", defaultSchema(), "table", "orders", "column", "ordered_at", "class", "email"))))).kind(),
                "a class whose rule cannot take the type is refused, not cleared");
        assertEquals("constraint", assertThrows(MaskingException.class, () -> mask(staging, KEY, Map.of("columns",
                List.of(Map.of("schema", defaultSchema(), "table", "customers", "column", "email", "rule", "redact"))))).kind());
        MaskingException check = assertThrows(MaskingException.class, () -> mask(staging, KEY, Map.of("columns",
                List.of(Map.of("schema", defaultSchema(), "table", "orders", "column", "status", "rule", "shape")))));
        assertEquals("constraint", check.kind());
        assertTrue(check.getMessage().contains("status is masked with rule 'shape'"), check.getMessage());
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
        assertEquals("free_text", reread.find(defaultSchema(), "support_notes", "body").cls());
        assertEquals("json", reread.find(defaultSchema(), "customers", "contact").cls());
        assertEquals("identifier", reread.find(defaultSchema(), "orders", "customer_id").cls());

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

    private Connection sourceConnection() throws SQLException {
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

    /** A digest of every row of the demo tables, in an order that does not depend on the engine. */
    private String checksum(SourceConnection s) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.username(), s.password());
             Statement st = c.createStatement()) {
            for (String t : List.of("customers", "addresses", "orders", "payments", "support_notes", leads())) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + t)) {
                    while (rs.next()) {
                        rows.add(rowText(rs));
                    }
                }
                rows.sort(null);
                sb.append(sha256(String.join("\n", rows)));
            }
        }
        return sb.toString();
    }

    /** A digest of the rows of a query, in the query's order. */
    private String rowsHash(String database, String sql) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = engine.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                sb.append(rowText(rs)).append('\n');
            }
        }
        return sha256(sb.toString());
    }

    /** Every column of the current row as text, comma-separated. */
    private static String rowText(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            sb.append(i == 1 ? "" : ",").append(rs.getString(i));
        }
        return sb.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(SourceConnection s, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.username(), s.password());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long count(String database, String sql) throws SQLException {
        return Long.parseLong(text(database, sql));
    }

    private String text(String database, String sql) throws SQLException {
        try (Connection c = engine.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private Map<Long, LocalDate> dates(SourceConnection s, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.username(), s.password())) {
            return dates(c, sql);
        }
    }

    private Map<Long, LocalDate> dates(String database, String sql) throws SQLException {
        try (Connection c = engine.connect(database)) {
            return dates(c, sql);
        }
    }

    private Map<Long, LocalDate> dates(Connection c, String sql) throws SQLException {
        Map<Long, LocalDate> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getObject(2, LocalDate.class));
            }
        }
        return out;
    }

    private void execute(String database, String sql) throws SQLException {
        try (Connection c = engine.connect(database); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
