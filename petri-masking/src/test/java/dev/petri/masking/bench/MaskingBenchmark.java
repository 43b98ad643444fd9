package dev.petri.masking.bench;

import dev.petri.devstack.DemoDatabase;
import dev.petri.devstack.EmbeddedPostgresServer;
import dev.petri.engine.CopyProgress;
import dev.petri.engine.EngineHost;
import dev.petri.engine.SourceConnection;
import dev.petri.engine.StagedCopy;
import dev.petri.engine.postgres.PostgresEngine;
import dev.petri.masking.MaskingPipeline;
import dev.petri.masking.detect.Validators;
import dev.petri.masking.rule.FakeData;
import dev.petri.masking.rule.MaskingKeys;
import dev.petri.masking.rule.MaskingRule;
import dev.petri.masking.rule.RuleContext;
import dev.petri.masking.rule.RuleTarget;
import dev.petri.masking.rule.Rules;
import dev.petri.masking.scan.SourceValues;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import net.datafaker.Faker;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The masking benchmark: a generated database whose largest table ({@code people}, 1 million rows
 * by default) mixes names, e-mails, phones, cards, national ids, free text and JSON, next to the
 * demo database. It times Petri's masking run, a plain set-based rewrite of the same columns
 * ({@code UPDATE … SET c = c}) and a row-by-row JDBC update (timed on a sample, extrapolated), each
 * on its own copy of the same staged data, and prints the figures.
 */
public final class MaskingBenchmark {

    private MaskingBenchmark() {
    }

    /**
     * Arguments: [rows of the large table, default 1000000] [rows for the row-by-row sample, default 20000]
     * ["warm": mask another copy once, untimed, before the timed run, as a long-running service would have]
     * ["durable": run PostgreSQL with its default durability (fsync, synchronous commit and full-page writes on, as a
     * staging server would) instead of the embedded stack's fsync off; every side of the comparison runs on it].
     */
    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int sample = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        List<String> options = Arrays.asList(args).subList(Math.min(2, args.length), args.length);
        boolean warm = options.contains("warm");
        boolean durable = options.contains("durable");
        Path dir = Files.createTempDirectory("petri-masking-bench");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("pgdata"), 0, "bench-pass", durable)) {
            System.out.println(durable ? "PostgreSQL with its default durability: fsync, synchronous_commit, full_page_writes on"
                    : "PostgreSQL as the embedded stack runs it: fsync, synchronous_commit, full_page_writes off");
            PostgresEngine engine = new PostgresEngine(new EngineHost("bench", "postgres", pg.jdbcUrl("postgres"),
                    EmbeddedPostgresServer.SUPERUSER, pg.password(), "127.0.0.1", pg.port(), 100));
            pg.createDatabase("bench_source");
            long t0 = System.nanoTime();
            try (Connection c = pg.connect("bench_source")) {
                DemoDatabase.create(c, 10_000, 1);
                people(c, rows);
            }
            System.out.printf(Locale.ROOT, "generated source: people %,d rows + demo database (10,000 customers) in %.1f s%n",
                    rows, secs(t0));
            SourceConnection source = new SourceConnection(pg.jdbcUrl("bench_source"), EmbeddedPostgresServer.SUPERUSER,
                    pg.password());
            t0 = System.nanoTime();
            StagedCopy copy = engine.stageFrom(source, "petri_stg_bench_v1", CopyProgress.none());
            System.out.printf(Locale.ROOT, "staged %,d rows in %.1f s (not part of the figures below)%n", copy.rows(), secs(t0));
            try (Connection c = engine.connect("postgres"); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE petri_stg_bench_update TEMPLATE petri_stg_bench_v1 STRATEGY FILE_COPY");
                st.execute("CREATE DATABASE petri_stg_bench_rows TEMPLATE petri_stg_bench_v1 STRATEGY FILE_COPY");
                if (warm) {
                    st.execute("CREATE DATABASE petri_stg_bench_warm TEMPLATE petri_stg_bench_v1 STRATEGY FILE_COPY");
                }
            }
            if (warm) {
                // a long-running masking service has run its code before: one untimed run on another copy first
                t0 = System.nanoTime();
                new MaskingPipeline("benchmark-key").run(() -> engine.connect("petri_stg_bench_warm"), source, Map.of(),
                        (phase, table, done, total) -> { });
                System.out.printf(Locale.ROOT, "warm-up run (untimed below, JIT-compiles the masking code): %.1f s%n", secs(t0));
            }

            long postmaster;
            try (Connection c = engine.connect("postgres"); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                postmaster = parentOf(rs.getLong(1));
            }
            long[] maskCpu = {-1, -1, -1, -1};
            t0 = System.nanoTime();
            Map<String, Object> report = new MaskingPipeline("benchmark-key").run(() -> engine.connect("petri_stg_bench_v1"),
                    source, Map.of(), (phase, table, done, total) -> {
                        // from the first masking event to the first leak-scan event: the masking phase, reloads
                        // included, plus the constraint checks between them (no event marks the end of a reload)
                        synchronized (maskCpu) {
                            if ("mask".equals(phase) && maskCpu[0] < 0) {
                                maskCpu[0] = jvmCpuNanos();
                                maskCpu[2] = postgresCpuNanos(postmaster);
                            } else if ("scan".equals(phase) && maskCpu[0] >= 0 && maskCpu[1] < 0) {
                                maskCpu[1] = jvmCpuNanos();
                                maskCpu[3] = postgresCpuNanos(postmaster);
                            }
                        }
                    });
            double petri = secs(t0);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> masked = (List<Map<String, Object>>) report.get("maskedTables");
            long maskedRows = masked.stream().mapToLong(m -> ((Number) m.get("rows")).longValue()).sum();
            @SuppressWarnings("unchecked")
            Map<String, Long> phases = (Map<String, Long>) report.get("phases");
            double maskOnly = phases.get("maskMs") / 1000.0;

            t0 = System.nanoTime();
            long updateCpu0 = cpuNanos(postmaster);
            try (Connection c = engine.connect("petri_stg_bench_update"); Statement st = c.createStatement()) {
                for (Map<String, Object> m : masked) {
                    @SuppressWarnings("unchecked")
                    List<String> cols = (List<String>) m.get("maskedColumns");
                    st.executeUpdate("UPDATE " + q(m.get("schema")) + "." + q(m.get("table")) + " SET "
                            + cols.stream().map(col -> q(col) + " = " + q(col)).collect(Collectors.joining(", ")));
                }
            }
            double update = secs(t0);
            double updateCpu = (cpuNanos(postmaster) - updateCpu0) / 1e9;
            double petriJvmCpu = (maskCpu[1] - maskCpu[0]) / 1e9;
            double petriPgCpu = (maskCpu[3] - maskCpu[2]) / 1e9;
            double petriMaskCpu = petriJvmCpu + petriPgCpu;

            double[] perRows = rowByRow(engine, sample);
            double perRow = perRows[0];
            double rowByRow = perRow * maskedRows;
            double rowByRowMasking = perRows[1] * maskedRows;

            System.out.println();
            System.out.println("== Masking benchmark ==");
            System.out.printf(Locale.ROOT, "largest table: public.people, %,d rows; tables masked: %d; rows rewritten: %,d%n",
                    rows, masked.size(), maskedRows);
            System.out.printf(Locale.ROOT, "petri full run (discover, classify, collect, mask, verify, leak scan): %.1f s"
                    + " = %,.0f rows/s%n", petri, maskedRows / petri);
            System.out.printf(Locale.ROOT, "  phases: %s%n", phases);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> columns = (List<Map<String, Object>>) report.get("columns");
            System.out.printf(Locale.ROOT, "  people columns masked: %s%n", columns.stream()
                    .filter(m -> "people".equals(m.get("table")) && !"keep".equals(m.get("rule")))
                    .map(m -> m.get("column") + "=" + m.get("rule")).collect(Collectors.joining(", ")));
            masked.forEach(m -> System.out.printf(Locale.ROOT, "    %s.%s: %,d rows, %s ms (until the read ended %s ms, then the rest of the masking + reload %s ms)%n",
                    m.get("schema"), m.get("table"), m.get("rows"), m.get("millis"), m.get("readAndMaskMillis"),
                    m.get("reloadMillis")));
            System.out.printf(Locale.ROOT, "  masking phase alone: %.1f s = %,.0f rows/s%n", maskOnly, maskedRows / maskOnly);
            System.out.printf(Locale.ROOT, "plain set-based rewrite (UPDATE ... SET c = c, same columns): %.1f s%n", update);
            System.out.printf(Locale.ROOT, "row-by-row JDBC update, values written back unchanged: %.3f ms/row on a %,d-row"
                    + " sample -> %.0f s extrapolated to %,d rows%n", perRow * 1000, sample, rowByRow, maskedRows);
            System.out.printf(Locale.ROOT, "row-by-row JDBC update, each row masked first (Petri's rules, no source-value"
                    + " checks): %.3f ms/row -> %.0f s extrapolated%n", perRows[1] * 1000, rowByRowMasking);
            System.out.printf(Locale.ROOT, "ratio petri / set-based rewrite: full run %.2fx, masking phase %.2fx (target <= 2x)%n",
                    petri / update, maskOnly / update);
            System.out.printf(Locale.ROOT, "CPU seconds (this JVM + every PostgreSQL process): petri masking phase + constraint checks %.1f s"
                    + " (JVM %.1f s, PostgreSQL %.1f s), UPDATE %.1f s, ratio %.2fx%n", petriMaskCpu, petriJvmCpu, petriPgCpu,
                    updateCpu, petriMaskCpu / updateCpu);
            System.out.printf(Locale.ROOT, "speed-up petri masking phase vs row-by-row: %.1fx unchanged values, %.1fx masked"
                    + " values; full run %.1fx / %.1fx (target >= 50x)%n", rowByRow / maskOnly, rowByRowMasking / maskOnly,
                    rowByRow / petri, rowByRowMasking / petri);
            System.out.printf(Locale.ROOT, "leak scan passed: %s, values scanned: %s%n",
                    ((Map<?, ?>) report.get("leakScan")).get("passed"), ((Map<?, ?>) report.get("leakScan")).get("valuesScanned"));
        } finally {
            deleteTree(dir);
        }
    }

    /** What naive tools do: one UPDATE per row by primary key (an index is built first, as a restored database has one). */
    private static double[] rowByRow(PostgresEngine engine, int sample) throws SQLException {
        try (Connection c = engine.connect("petri_stg_bench_rows"); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE people ADD PRIMARY KEY (id)");
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT id, first_name, last_name, email, phone, card_number, national_id,"
                    + " notes, profile::text FROM people LIMIT " + sample)) {
                while (rs.next()) {
                    Object[] r = new Object[9];
                    for (int i = 0; i < 9; i++) {
                        r[i] = rs.getObject(i + 1);
                    }
                    rows.add(r);
                }
            }
            long t0 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("UPDATE people SET first_name = ?, last_name = ?, email = ?,"
                    + " phone = ?, card_number = ?, national_id = ?, notes = ?, profile = ?::jsonb WHERE id = ?")) {
                for (Object[] r : rows) {
                    for (int i = 1; i < 9; i++) {
                        ps.setObject(i, r[i]);
                    }
                    ps.setObject(9, r[0]);
                    ps.executeUpdate();
                }
            }
            double unchanged = (System.nanoTime() - t0) / 1e9 / rows.size();
            // The same, computing each row's masked values first, as a naive masking tool must (Petri's own
            // rules; no checks against the source's values, which only Petri makes, so this is the cheaper side).
            RuleContext ctx = new RuleContext(new MaskingKeys("benchmark-key"), FakeData.get(), new SourceValues());
            String[] ruleNames = {"person_name", "person_name", "email", "phone", "payment_card", "national_id",
                "free_text", "json"};
            MaskingRule[] rules = new MaskingRule[ruleNames.length];
            for (int i = 0; i < rules.length; i++) {
                rules[i] = Rules.byName(ruleNames[i]).factory().create(ctx, Map.of(), RuleTarget.free(null));
            }
            t0 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("UPDATE people SET first_name = ?, last_name = ?, email = ?,"
                    + " phone = ?, card_number = ?, national_id = ?, notes = ?, profile = ?::jsonb WHERE id = ?")) {
                for (Object[] r : rows) {
                    for (int i = 1; i < 9; i++) {
                        ps.setString(i, r[i] == null ? null : rules[i - 1].mask(r[i].toString()));
                    }
                    ps.setObject(9, r[0]);
                    ps.executeUpdate();
                }
            }
            double masking = (System.nanoTime() - t0) / 1e9 / rows.size();
            return new double[] {unchanged, masking};
        }
    }

    /** The parent process of a process (from /proc), or -1. */
    private static long parentOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU time so far of this JVM, the PostgreSQL server process and its live children, plus the
     * children it has reaped (from /proc; 0 for the server part where /proc is not readable).
     */
    private static long cpuNanos(long postmaster) {
        return jvmCpuNanos() + postgresCpuNanos(postmaster);
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long postgresCpuNanos(long postmaster) {
        long ticks = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(name);
                    long ppid = Long.parseLong(f[1]);
                    if (pid == postmaster) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    } else if (ppid == postmaster) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // the process ended while being read
                }
            }
        } catch (IOException ignored) {
            // no /proc: JVM time only
        }
        return ticks * 10_000_000L;
    }

    private static void people(Connection c, int rows) throws SQLException, IOException {
        try (Statement st = c.createStatement()) {
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
                      country char(2) NOT NULL,
                      score integer NOT NULL,
                      created_at timestamptz NOT NULL)""");
        }
        Faker faker = new Faker(Locale.US, new Random(7));
        String[] first = new String[2_000];
        String[] last = new String[2_000];
        for (int i = 0; i < first.length; i++) {
            first[i] = faker.name().firstName().replaceAll("[^A-Za-z' -]", "");
            last[i] = faker.name().lastName().replaceAll("[^A-Za-z' -]", "");
        }
        String[] domains = {"mail.test", "corp.test", "post.test", "inbox.test"};
        String[] phoneFormats = {"(%03d) %03d-%04d", "%03d-%03d-%04d", "%03d.%03d.%04d", "+1 %03d %03d %04d"};
        Random r = new Random(11);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder sb = new StringBuilder();
        for (int id = 1; id <= rows; id++) {
            String f = first[r.nextInt(first.length)];
            String l = last[r.nextInt(last.length)];
            String email = (f + "." + l + id + "@" + domains[r.nextInt(domains.length)]).toLowerCase(Locale.ROOT)
                    .replace(" ", "").replace("'", "");
            String phone = String.format(Locale.ROOT, phoneFormats[r.nextInt(phoneFormats.length)], 200 + r.nextInt(799),
                    200 + r.nextInt(799), r.nextInt(10_000));
            StringBuilder card = new StringBuilder("4");
            for (int i = 0; i < 14; i++) {
                card.append(r.nextInt(10));
            }
            card.append(Validators.luhnCheckDigit(card.toString()));
            String ssn = String.format(Locale.ROOT, "%03d-%02d-%04d", 1 + r.nextInt(665), 1 + r.nextInt(99), 1 + r.nextInt(9_999));
            String notes = id % 3 == 0 ? null : "Spoke with " + f + " " + l + " on the phone (" + phone + "); resend the"
                    + " contract to " + email + " and check order " + (id * 7) + ".";
            String profile = "{\"name\": \"" + f + " " + l + "\", \"email\": \"" + email + "\", \"phone\": \"" + phone
                    + "\", \"tier\": \"" + (id % 5 == 0 ? "gold" : "basic") + "\", \"tags\": [\"t" + (id % 9) + "\"]}";
            sb.append(id).append('\t').append(f).append('\t').append(l).append('\t').append(email).append('\t')
                    .append(id % 10 == 0 ? "\\N" : phone).append('\t').append(card).append('\t').append(ssn).append('\t')
                    .append(notes == null ? "\\N" : notes).append('\t').append(profile).append('\t').append("US").append('\t')
                    .append(r.nextInt(1000)).append('\t').append("2025-01-01 00:00:00+00").append('\n');
            if (id % 50_000 == 0 || id == rows) {
                copy.copyIn("COPY people FROM STDIN", new StringReader(sb.toString()));
                sb.setLength(0);
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("ANALYZE people");
        }
    }

    private static String q(Object identifier) {
        return "\"" + String.valueOf(identifier).replace("\"", "\"\"") + "\"";
    }

    static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
