package dev.petri.masking;

import dev.petri.engine.SourceConnection;
import dev.petri.engine.sqlserver.SqlServerUrls;
import dev.petri.masking.catalog.Catalog;
import dev.petri.masking.catalog.ColumnInfo;
import dev.petri.masking.catalog.ConstraintInfo;
import dev.petri.masking.catalog.TableInfo;
import dev.petri.masking.detect.Classification;
import dev.petri.masking.detect.ColumnClassifier;
import dev.petri.masking.detect.ColumnNameClassifier;
import dev.petri.masking.detect.ContentClassifier;
import dev.petri.masking.detect.Placeholders;
import dev.petri.masking.detect.SensitiveClass;
import dev.petri.masking.policy.ColumnPolicy;
import dev.petri.masking.policy.Policy;
import dev.petri.masking.policy.PolicyCheck;
import dev.petri.masking.policy.PolicyException;
import dev.petri.masking.rule.ArrayElementsRule;
import dev.petri.masking.rule.FakeData;
import dev.petri.masking.rule.LearnsColumn;
import dev.petri.masking.rule.MaskingKeys;
import dev.petri.masking.rule.RuleContext;
import dev.petri.masking.rule.RuleDescriptor;
import dev.petri.masking.rule.RuleException;
import dev.petri.masking.rule.RuleParam;
import dev.petri.masking.rule.RuleTarget;
import dev.petri.masking.rule.Rules;
import dev.petri.masking.rule.ValueKind;
import dev.petri.masking.scan.LeakFinding;
import dev.petri.masking.scan.LeakScanner;
import dev.petri.masking.scan.SourceValues;
import dev.petri.masking.sql.MaskingDialect;
import dev.petri.masking.sql.MaskingDialects;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Masks a staged copy in place and proves it: discovers every table and column, classifies each by
 * name and content, applies the policy's overrides, collects the source's sensitive values as keyed
 * hashes, rewrites the sensitive columns set-based and in parallel, checks that the constraints
 * still hold, then scans every value for leaks.
 */
public final class MaskingPipeline {

    /** Opens connections to the staging database. */
    @FunctionalInterface
    public interface StagingConnections {
        Connection open() throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger(MaskingPipeline.class);
    private static final int SAMPLE_ROWS = 1_000;
    private static final Set<SensitiveClass> COLLECTED = EnumSet.of(SensitiveClass.PERSON_NAME, SensitiveClass.EMAIL,
            SensitiveClass.PHONE, SensitiveClass.NATIONAL_ID, SensitiveClass.PAYMENT_CARD, SensitiveClass.IBAN,
            SensitiveClass.ADDRESS, SensitiveClass.IP_ADDRESS, SensitiveClass.MAC_ADDRESS, SensitiveClass.SECRET,
            SensitiveClass.USERNAME);

    private final MaskingKeys keys;
    private final int parallelism;
    private LocalDate today = LocalDate.now();

    /** A pipeline keyed by the masking secret: the same key gives the same masked values. */
    public MaskingPipeline(String secretKey) {
        this.keys = new MaskingKeys(secretKey);
        this.parallelism = Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /** Sets the day birth dates are judged against (for reproducible classification). */
    public MaskingPipeline today(LocalDate day) {
        this.today = day;
        return this;
    }

    /**
     * Masks the staging database.
     *
     * @param connections connections to the staged copy (rows loaded, indexes not yet built); on PostgreSQL the
     *                    run keeps a few open and reuses them
     * @param source      the read-only source: its constraints, and nothing else is read from it
     * @param policy      overrides (see {@link Policy}); may be null or empty
     * @param progress    progress listener
     * @return the masking report as plain maps and lists (JSON-ready, no values)
     * @throws MaskingException kind {@code policy}, {@code unsupported-type}, {@code constraint},
     *                          {@code leak-found} or {@code sql}
     */
    public Map<String, Object> run(StagingConnections connections, SourceConnection source, Map<String, Object> policy,
                                   MaskingProgress progress) {
        long started = System.nanoTime();
        Policy parsed = parsePolicy(policy);
        Map<String, Object> report = new LinkedHashMap<>();
        ExecutorService tablePool = pool("petri-mask-table", 2);
        ExecutorService workers = pool("petri-mask-worker", parallelism);
        ReusedConnections reused = null;
        try {
            MaskingDialect dialect = dialect(connections, workers);
            StagingConnections staging = connections;
            if (dialect.sessionReset() != null) {
                reused = new ReusedConnections(connections, dialect.sessionReset());
                staging = reused;
            }
            Map<String, Long> phases = new LinkedHashMap<>();
            long t = System.nanoTime();
            Plan plan = plan(staging, source, parsed, dialect, tablePool, progress);
            t = lap(phases, "discoverClassifyCollectMs", t);
            report.put("tables", plan.catalog.tables().size());
            report.put("views", plan.catalog.views());
            report.put("columns", plan.columns.stream().map(ColumnPlan::report).toList());
            RuleContext ctx = new RuleContext(keys, FakeData.get(), plan.values);
            instantiateRules(plan, ctx, report);
            List<Map<String, Object>> tables = maskTables(staging, plan, dialect, tablePool, progress, report);
            t = lap(phases, "maskMs", t);
            report.put("columns", plan.columns.stream().map(ColumnPlan::report).toList());
            report.put("maskedTables", tables);
            emptyLargeObjects(staging, dialect, report);
            report.put("constraintsVerified", verifyConstraints(staging, plan, dialect, report));
            t = lap(phases, "verifyConstraintsMs", t);
            Map<String, Object> scan = leakScan(staging, plan, dialect, tablePool, progress);
            lap(phases, "leakScanMs", t);
            report.put("leakScan", scan);
            report.put("phases", phases);
            report.put("durationMs", (System.nanoTime() - started) / 1_000_000);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> findings = (List<Map<String, Object>>) scan.get("findings");
            if (!findings.isEmpty()) {
                Set<String> where = new TreeSet<>();
                findings.forEach(f -> where.add(f.get("schema") + "." + f.get("table") + "." + f.get("column")));
                Set<String> unmasked = new HashSet<>();
                plan.columns.stream().filter(c -> !c.masks()).forEach(c -> unmasked.add(c.column.schema() + "."
                        + c.column.table() + "." + c.column.name()));
                boolean namesOnly = findings.stream().allMatch(f -> SensitiveClass.PERSON_NAME.id().equals(f.get("class")))
                        && unmasked.containsAll(where);
                throw new MaskingException("leak-found", "the leak scan found sensitive values in " + where.size()
                        + " column(s): " + String.join(", ", where) + (namesOnly ? " (words of the source's person names in"
                        + " columns left unmasked: give them a rule in the policy, e.g. free_text)" : ""),
                        report, null);
            }
            LOG.infof("masked %d tables, %d columns masked, leak scan passed in %d ms", plan.catalog.tables().size(),
                    plan.columns.stream().filter(ColumnPlan::masks).count(), report.get("durationMs"));
            return report;
        } catch (SQLException e) {
            throw new MaskingException("sql", "masking failed: " + safeMessage(e), report, e);
        } finally {
            tablePool.shutdownNow();
            workers.shutdownNow();
            if (reused != null) {
                reused.close();
            }
        }
    }

    /**
     * The proposed policy for a staged copy: every column with its class, evidence and default rule,
     * to be written as a policy file, reviewed and committed.
     */
    public Policy classify(StagingConnections staging, SourceConnection source) {
        ExecutorService tablePool = pool("petri-classify", 2);
        ExecutorService workers = pool("petri-classify-worker", parallelism);
        try {
            MaskingDialect dialect = dialect(staging, workers);
            Plan plan = plan(staging, source, Policy.empty(), dialect, tablePool, (p, t, d, n) -> { });
            List<ColumnPolicy> entries = new ArrayList<>();
            for (ColumnPlan c : plan.columns) {
                entries.add(new ColumnPolicy(c.column.schema(), c.column.table(), c.column.name(),
                        c.classification.sensitiveClass().id(), c.ruleName, c.params, c.classification.evidence(),
                        c.column.generated()));
            }
            return new Policy(List.copyOf(entries));
        } catch (SQLException e) {
            throw new MaskingException("sql", "classification failed: " + safeMessage(e), null, e);
        } finally {
            tablePool.shutdownNow();
            workers.shutdownNow();
        }
    }

    /** {@code policy check}: what a committed policy lacks against the current classification (empty: passes). */
    public List<PolicyCheck.Problem> checkPolicy(StagingConnections staging, SourceConnection source, Policy policy) {
        return PolicyCheck.check(policy, classify(staging, source));
    }

    /** The dialect of the staging database's engine, as its connection reports it. */
    private MaskingDialect dialect(StagingConnections staging, ExecutorService workers) throws SQLException {
        try (Connection c = staging.open()) {
            MaskingDialects.Engine engine;
            try {
                engine = MaskingDialects.engineOf(c);
            } catch (IllegalArgumentException e) {
                throw new MaskingException("unsupported-engine", e.getMessage(), null, e);
            }
            return MaskingDialects.of(engine, workers, parallelism);
        }
    }

    private static Policy parsePolicy(Map<String, Object> policy) {
        try {
            return Policy.fromMap(policy);
        } catch (PolicyException e) {
            throw new MaskingException("policy", e.getMessage(), null, e);
        }
    }

    private static ExecutorService pool(String name, int threads) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Everything decided before any value changes. */
    private static final class Plan {
        Catalog catalog;
        final List<ColumnPlan> columns = new ArrayList<>();
        final SourceValues values = new SourceValues();

        List<ColumnPlan> of(TableInfo t) {
            return columns.stream().filter(c -> c.column.schema().equals(t.schema()) && c.column.table().equals(t.name()))
                    .toList();
        }

        ColumnPlan of(String schema, String table, String column) {
            for (ColumnPlan c : columns) {
                if (c.column.schema().equals(schema) && c.column.table().equals(table) && c.column.name().equals(column)) {
                    return c;
                }
            }
            return null;
        }
    }

    private Plan plan(StagingConnections staging, SourceConnection source, Policy policy, MaskingDialect dialect,
                      ExecutorService tablePool, MaskingProgress progress) throws SQLException {
        Plan plan = new Plan();
        try (Connection st = staging.open(); Connection src = source == null ? null : openSource(source)) {
            plan.catalog = dialect.readCatalog(st, src == null ? st : src);
        }
        for (ColumnPolicy p : policy.columns()) {
            TableInfo t = plan.catalog.table(p.schema(), p.table());
            if (t == null || t.column(p.column()) == null) {
                throw new MaskingException("policy", "the policy names column " + p.schema() + "." + p.table() + "."
                        + p.column() + ", which does not exist", null, null);
            }
            if (p.cls() != null && SensitiveClass.byId(p.cls()) == null) {
                throw new MaskingException("policy", "the policy gives column " + p.schema() + "." + p.table() + "."
                        + p.column() + " the unknown class '" + p.cls() + "'", null, null);
            }
            if (p.rule() != null && Rules.byName(p.rule()) == null) {
                throw new MaskingException("policy", "the policy gives column " + p.schema() + "." + p.table() + "."
                        + p.column() + " the unknown rule '" + p.rule() + "'", null, null);
            }
        }
        Map<ColumnInfo, List<String>> samples = sample(staging, plan.catalog, dialect, tablePool, progress);
        for (TableInfo t : plan.catalog.tables()) {
            Map<ColumnInfo, Classification> autos = new LinkedHashMap<>();
            for (ColumnInfo c : t.columns()) {
                autos.put(c, byType(c, ColumnClassifier.classify(c.name(), c.kind(), plan.catalog.keyColumn(c),
                        samples.get(c), today)));
            }
            for (ColumnInfo c : t.columns()) {
                Classification auto = nameOfAThing(t, c, autos);
                plan.columns.add(decide(c, auto, policy.find(c.schema(), c.table(), c.name()), plan.catalog));
            }
        }
        propagateForeignKeys(plan, policy);
        collectSourceValues(staging, plan, dialect, tablePool, progress);
        secondLookForNames(plan, policy, samples);
        return plan;
    }

    /** The evidence of a name column that names things ({@code countries.name}), not people. */
    static final String HOLDS_THINGS = "which holds things and no other personal column";

    /**
     * Columns whose name says they name a thing, whatever table they are in: {@code company_name}, {@code product_title},
     * {@code country_name}. Unmasked, a value there that is also a word of a person's name (Johnson Controls, a
     * country called Jordan) is no leak.
     */
    private static final Pattern THING_COLUMNS = Pattern.compile("(^|_)(compan(y|ies)|organi[sz]ation|org|employer|vendor"
            + "|supplier|merchant|business|firm|brand|manufacturer|product|item|country|nation|store|shop|team|club|venue"
            + "|hotel|restaurant|airline|airport|bank|school|university|college|hospital|clinic|project|department"
            + "|category|genre|album|track|song|film|movie|book|course|event|plan|sku|model|make)_?(name|title)$");

    /**
     * Columns of the places people live in, broader than a city, which are kept: countries, nationalities, states,
     * regions. A country called Jordan there is no leak of a Michael Jordan.
     */
    private static final Pattern PLACE_COLUMNS = Pattern.compile("(\\w+_)?(country(_name)?|nationality|citizenship"
            + "|state(_name)?|province|region|county|land|pays|pais|paese|nazionalita|nacionalidad|staatsangehoerigkeit)");

    /**
     * Whether an unmasked column holds names of things: a column not sensitive named for a thing ({@code company_name}),
     * a place broader than a city ({@code country}, {@code nationality}), or the name or title of a table of things
     * without other personal columns ({@code countries.name}, {@code albums.title}; see {@link #nameOfAThing}).
     */
    private static boolean namesThings(TableInfo t, ColumnPlan c, List<ColumnPlan> table) {
        if (c.classification.evidence() != null && c.classification.evidence().contains(HOLDS_THINGS)) {
            return true;
        }
        if (c.classification.sensitiveClass() != SensitiveClass.NOT_SENSITIVE) {
            return false;
        }
        boolean titleOfAThing = ColumnNameClassifier.normalize(c.column.name()).matches("name|title|display_name|label")
                && THING_TABLES.matcher(ColumnNameClassifier.normalize(t.name())).find();
        return namedForAThing(c.column.name()) || titleOfAThing && table.stream().map(p -> p.classification.sensitiveClass())
                .noneMatch(k -> k.sensitive() && k != SensitiveClass.FREE_TEXT && k != SensitiveClass.JSON
                        && k != SensitiveClass.XML);
    }

    /**
     * Whether a column's name says it names a thing or a place broader than a city ({@code company_name},
     * {@code country}): a word of a person's name there (Johnson Controls, a country Jordan) is no leak, but a name
     * of several words is (Antonio Moreno Taquería).
     */
    private static boolean namedForAThing(String column) {
        String name = ColumnNameClassifier.normalize(column);
        return THING_COLUMNS.matcher(name).find() || PLACE_COLUMNS.matcher(name).matches();
    }

    /** Tables of things, not people: their {@code name} is a product's, a category's, a city's. */
    private static final Pattern THING_TABLES = Pattern.compile("(^|_)(products?|items?|categor(y|ies)|genres?|tags?"
            + "|languages?|countr(y|ies)|cit(y|ies)|regions?|states?|provinces?|currenc(y|ies)|statuse?s?|types?|kinds?"
            + "|roles?|permissions?|plans?|features?|settings?|skus?|brands?|albums?|tracks?|playlists?|media_?types?"
            + "|films?|movies?|courses?|projects?|departments?|compan(y|ies)|organi[sz]ations?|stores?|shops?"
            + "|warehouses?|locations?|sites?|events?|groups?|teams?|units?|services?|modules?|menus?|topics?|skills?"
            + "|industr(y|ies)|channels?|campaigns?|templates?|reports?|metrics?|colou?rs?|sizes?|formats?|models?"
            + "|suppliers?|vendors?|manufacturers?|shippers?|carriers?|banks?|branch(es)?|offices?|rooms?|venues?"
            + "|airports?|airlines?|stations?|routes?|zones?|territor(y|ies)|districts?)$");

    /**
     * A {@code name} column of a table of things (products, categories, genres …) whose values the sample did not show
     * to be person names, in a table with no other personal column: not a person's name. Anywhere else (a
     * {@code customers.name}, an {@code authors.name}, a {@code name} beside an e-mail) the name holds.
     */
    private static Classification nameOfAThing(TableInfo t, ColumnInfo c, Map<ColumnInfo, Classification> autos) {
        Classification auto = autos.get(c);
        if (auto.sensitiveClass() != SensitiveClass.PERSON_NAME || auto.seenInContent()
                || !ColumnNameClassifier.normalize(c.name()).matches("name|display_name")
                || !THING_TABLES.matcher(ColumnNameClassifier.normalize(t.name())).find()) {
            return auto;
        }
        boolean personal = autos.entrySet().stream().filter(e -> e.getKey() != c).map(e -> e.getValue().sensitiveClass())
                .anyMatch(k -> k.sensitive() && k != SensitiveClass.FREE_TEXT && k != SensitiveClass.JSON
                        && k != SensitiveClass.XML);
        return personal ? auto : new Classification(SensitiveClass.NOT_SENSITIVE, null, "name '" + c.name()
                + "' in table '" + t.name() + "', " + HOLDS_THINGS + "; the sampled values are"
                + " not person names");
    }

    /** Binary columns named like a person's photo, scan, signature or documents. */
    private static final Pattern DOCUMENT_NAMES = Pattern.compile("photo|picture|avatar|selfie|portrait|(^|_)face"
            + "|scan|passport|id_?card|licen[cs]e_?(image|copy)|signature|fingerprint|biometric|resume|(^|_)cv(_|$)"
            + "|attachment|document|pdf|x_?ray|medical");

    /**
     * What a column's type says when its name and values said nothing: an {@code inet} holds IP addresses, a
     * {@code macaddr} or {@code macaddr8} the hardware addresses of devices; a
     * binary column ({@code bytea}, {@code varbinary}) named like a photo, scan, signature or document holds one (a
     * person's image or papers), which no rule can mask inside, so it is cleared.
     */
    private static Classification byType(ColumnInfo c, Classification auto) {
        if (auto.sensitiveClass() != SensitiveClass.NOT_SENSITIVE) {
            return auto;
        }
        String base = c.baseType();
        if (base.equals("inet")) {
            return new Classification(SensitiveClass.IP_ADDRESS, null, "type inet: IP addresses");
        }
        if (base.equals("macaddr") || base.equals("macaddr8")) {
            return new Classification(SensitiveClass.MAC_ADDRESS, null, "type " + base + ": hardware addresses of devices");
        }
        if (c.binary() && DOCUMENT_NAMES.matcher(ColumnNameClassifier.normalize(c.name())).find()) {
            return new Classification(SensitiveClass.DOCUMENT, null, "binary column named '" + c.name()
                    + "': a photo, scan or document, cleared");
        }
        return auto;
    }

    private static ColumnPlan decide(ColumnInfo c, Classification auto, ColumnPolicy p, Catalog catalog) {
        if (c.generated()) {
            return new ColumnPlan(c, new Classification(auto.sensitiveClass(), auto.part(),
                    auto.evidence() + "; generated column, recomputed from masked columns"), "keep", Map.of(), "auto");
        }
        if (p == null) {
            return new ColumnPlan(c, auto, defaultRule(c, auto), defaultParams(c, auto, catalog), "auto");
        }
        Classification cls = auto;
        if (p.cls() != null && !p.cls().equals(auto.sensitiveClass().id())) {
            cls = new Classification(SensitiveClass.byId(p.cls()), auto.part(), "policy override (automatic: "
                    + auto.sensitiveClass().id() + ", " + auto.evidence() + ")");
        }
        String rule = p.rule() != null ? p.rule() : defaultRule(c, cls);
        Map<String, String> params = p.rule() != null ? p.params() : defaultParams(c, cls, catalog);
        return new ColumnPlan(c, cls, rule, params, "policy");
    }

    /** Rules that keep a structured value (composite, hstore, tsvector) valid: they replace values inside it, or all of it. */
    private static final Set<String> STRUCTURED_RULES = Set.of("keep", "set_null", "free_text");

    /**
     * The class's rule; for a structured value with sensitive content, {@code free_text} over its text form; for a
     * credential in a type its rule cannot take (a {@code bytea} hash, a {@code uuid} token), clearing it.
     */
    private static String defaultRule(ColumnInfo column, Classification c) {
        String rule = c.sensitiveClass().defaultRule();
        if (c.sensitiveClass() == SensitiveClass.SECRET && !column.structured()
                && !Rules.byName(rule).accepts().contains(column.kind())) {
            rule = "set_null";
        }
        if (rule.equals("set_null") && column.notNull()) {
            return "empty";
        }
        return column.structured() && !STRUCTURED_RULES.contains(rule) ? "free_text" : rule;
    }

    private static Map<String, String> defaultParams(ColumnInfo column, Classification c, Catalog catalog) {
        if (c.sensitiveClass() == SensitiveClass.ADDRESS && c.part() != null) {
            return Map.of("part", c.part());
        }
        if (c.sensitiveClass() == SensitiveClass.EMAIL) {
            Set<String> domains = checkedEmailDomains(column, catalog);
            if (!domains.isEmpty()) {
                return Map.of("domains", String.join(",", domains));
            }
        }
        return Map.of();
    }

    /** A domain at the end of a CHECK's pattern: {@code LIKE '%@acme.com'}, {@code ~ '@acme\.com$'}. */
    private static final Pattern CHECKED_DOMAIN = Pattern.compile("@([A-Za-z0-9-]+(?:\\\\?\\.[A-Za-z0-9-]+)+)\\$?'");

    /**
     * The domains a CHECK constraint on an e-mail column insists on ({@code CHECK (work_email LIKE '%@acme.com')}):
     * masked addresses are drawn on them, so the constraint still holds; empty when no CHECK names one.
     */
    static Set<String> checkedEmailDomains(ColumnInfo column, Catalog catalog) {
        Set<String> domains = new TreeSet<>();
        for (ConstraintInfo k : catalog.constraints()) {
            if (k.type() == ConstraintInfo.Type.CHECK && k.expression() != null && k.schema().equals(column.schema())
                    && k.table().equals(column.table()) && ConstraintInfo.names(k.expression(), column.name())) {
                Matcher m = CHECKED_DOMAIN.matcher(k.expression());
                while (m.find()) {
                    domains.add(m.group(1).replace("\\", "").toLowerCase(Locale.ROOT));
                }
            }
        }
        return domains;
    }

    /** A foreign key that carries a sensitive value is masked exactly like the column it references. */
    private static void propagateForeignKeys(Plan plan, Policy policy) {
        // until nothing changes: along a chain (posts -> profiles -> logins) a link learns its rule only once the link
        // it points to has, whatever order the constraints come in; each pass settles at least one more link
        boolean changed = true;
        for (int pass = 0; changed && pass <= plan.columns.size(); pass++) {
            changed = propagateForeignKeysOnce(plan, policy);
        }
    }

    private static boolean propagateForeignKeysOnce(Plan plan, Policy policy) {
        boolean changed = false;
        for (ConstraintInfo k : plan.catalog.constraints()) {
            if (k.type() != ConstraintInfo.Type.FOREIGN_KEY) {
                continue;
            }
            for (int i = 0; i < k.columns().size() && i < k.refColumns().size(); i++) {
                ColumnPlan ref = plan.of(k.refSchema(), k.refTable(), k.refColumns().get(i));
                ColumnPlan fk = plan.of(k.schema(), k.table(), k.columns().get(i));
                if (ref == null || fk == null || !ref.masks()) {
                    continue;
                }
                if (!fk.ruleName.equals(ref.ruleName) || !fk.params.equals(ref.params)) {
                    if ("policy".equals(fk.source) && policy.find(k.schema(), k.table(), fk.column.name()).rule() != null) {
                        throw new MaskingException("constraint", "foreign key " + k.name() + " needs "
                                + fk.column.path() + " masked with the same rule as " + ref.column.path() + " ('"
                                + ref.ruleName + "'), but the policy says '" + fk.ruleName + "'", null, null);
                    }
                    plan.columns.set(plan.columns.indexOf(fk), new ColumnPlan(fk.column, new Classification(
                            ref.classification.sensitiveClass(), ref.classification.part(), "foreign key " + k.name()
                            + " to " + ref.column.path() + ", masked the same way"), ref.ruleName, ref.params, "foreign key"));
                    changed = true;
                }
            }
        }
        return changed;
    }

    private Map<ColumnInfo, List<String>> sample(StagingConnections staging, Catalog catalog, MaskingDialect dialect,
                                                 ExecutorService pool, MaskingProgress progress) throws SQLException {
        Map<ColumnInfo, List<String>> samples = new ConcurrentHashMap<>();
        List<Callable<Void>> jobs = new ArrayList<>();
        for (TableInfo t : catalog.tables()) {
            List<ColumnInfo> cols = t.columns().stream().filter(c -> c.kind() != ValueKind.OTHER).toList();
            if (cols.isEmpty()) {
                continue;
            }
            progress.progress("classify", t.path(), 0, 1); // every table of the phase counts from its start
            jobs.add(() -> {
                List<List<String>> values = new ArrayList<>();
                cols.forEach(c -> values.add(new ArrayList<>()));
                try (Connection c = staging.open(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery(dialect.sampleSql(t, cols, SAMPLE_ROWS))) {
                    while (rs.next()) {
                        for (int i = 0; i < cols.size(); i++) {
                            cols.get(i).forEachValue(rs.getString(i + 1), values.get(i)::add);
                        }
                    }
                }
                for (int i = 0; i < cols.size(); i++) {
                    samples.put(cols.get(i), values.get(i));
                }
                progress.progress("classify", t.path(), 1, 1);
                return null;
            });
        }
        runAll(pool, jobs);
        return samples;
    }

    /** Reads every original value of the sensitive columns into keyed hashes, before anything is masked. */
    private void collectSourceValues(StagingConnections staging, Plan plan, MaskingDialect dialect,
                                     ExecutorService pool, MaskingProgress progress) throws SQLException {
        List<Callable<Void>> jobs = new ArrayList<>();
        for (TableInfo t : plan.catalog.tables()) {
            List<ColumnPlan> cols = plan.of(t).stream()
                    .filter(c -> COLLECTED.contains(c.classification.sensitiveClass())
                            && c.column.kind() != ValueKind.OTHER).toList();
            if (cols.isEmpty()) {
                continue;
            }
            progress.progress("collect", t.path(), 0, 1);
            jobs.add(() -> {
                try (Connection c = staging.open()) {
                    c.setAutoCommit(false);
                    dialect.readRowsInParallel(c, t, cols.stream().map(p -> p.column).toList(), row -> {
                        for (int i = 0; i < row.length; i++) {
                            SensitiveClass cls = cols.get(i).classification.sensitiveClass();
                            cols.get(i).column.forEachValue(row[i], v -> plan.values.add(cls, v));
                        }
                    });
                    c.commit();
                }
                progress.progress("collect", t.path(), 1, 1);
                return null;
            });
        }
        runAll(pool, jobs);
    }

    /**
     * Free text that names no sensitive pattern may still hold people's names: a long-text column is
     * free text with personal data when its sampled values contain words of the source's names.
     */
    private static void secondLookForNames(Plan plan, Policy policy, Map<ColumnInfo, List<String>> samples) {
        for (int i = 0; i < plan.columns.size(); i++) {
            ColumnPlan c = plan.columns.get(i);
            List<String> sample = samples.get(c.column);
            if (c.classification.sensitiveClass() != SensitiveClass.NOT_SENSITIVE || c.column.kind() != ValueKind.TEXT
                    || sample == null || sample.isEmpty() || "policy".equals(c.source) || c.column.generated()
                    || PLACE_COLUMNS.matcher(ColumnNameClassifier.normalize(c.column.name())).matches()) {
                // a country or a region holds no one's name, even where a country is called like people (Jordan)
                continue;
            }
            int usernames = 0;
            long length = 0;
            int withNames = 0;
            int onlyNames = 0;
            for (String v : sample) {
                if (plan.values.match(SensitiveClass.USERNAME, v) == SensitiveClass.USERNAME) {
                    usernames++;
                }
                length += v.length();
                if (plan.values.containsNameWord(v)) {
                    withNames++;
                    if (plan.values.onlyNameWords(v)) {
                        onlyNames++;
                    }
                }
            }
            int n = sample.size();
            // long texts, or short ones with many distinct values (company names, subjects); a few labels
            // repeated (a colour, a status) are left alone, and the leak scan does not count them either
            boolean text = length / n >= 20 || new HashSet<>(sample).size() > LeakScanner.MAX_LABELS;
            if (usernames * 2 >= n) {
                // user names of the source's user-name columns, referred to by value (an audit column, a text copy)
                plan.columns.set(i, byContent(c, SensitiveClass.USERNAME, usernames, n,
                        "sampled values are user names held in user-name columns"));
            } else if (onlyNames * 10 >= n * 8) {
                // nothing but words of the source's names (surnames under a name that says nothing): names, however
                // few distinct ones there are — the leak scan counts them too
                plan.columns.set(i, byContent(c, SensitiveClass.PERSON_NAME, onlyNames, n,
                        "sampled values are words of names held in person-name columns"));
            } else if (text && withNames * 20 >= n) {
                // XML keeps its structure through the XML rule (a masked name may hold an apostrophe or an ampersand)
                boolean xml = ContentClassifier.mostlyXml(sample);
                plan.columns.set(i, byContent(c, xml ? SensitiveClass.XML : SensitiveClass.FREE_TEXT, withNames, n,
                        xml ? "sampled XML documents contain names held in person-name columns"
                                : "sampled texts contain names held in person-name columns"));
            }
        }
    }

    /**
     * Hands the rules that want them ({@link LearnsColumn}: a unique column of names) their column's distinct values
     * before the table is rewritten, so that what a value becomes does not depend on the order rows come in.
     */
    private static void learnColumns(StagingConnections staging, MaskingDialect dialect, TableInfo t,
                                     List<ColumnPlan> masked) throws SQLException {
        for (ColumnPlan c : masked) {
            if (!(c.rule instanceof LearnsColumn learner) || !learner.wantsColumn() || c.column.isArray()) {
                continue;
            }
            Set<String> values = ConcurrentHashMap.newKeySet();
            try (Connection conn = staging.open()) {
                conn.setAutoCommit(false);
                dialect.readRowsInParallel(conn, t, List.of(c.column), row -> {
                    if (row[0] != null && !Placeholders.is(row[0])) {
                        values.add(row[0]);
                    }
                });
                conn.commit();
            }
            learner.learn(values);
        }
    }

    /** A column's plan again, classified by what its sample holds, with the class's default rule. */
    private static ColumnPlan byContent(ColumnPlan c, SensitiveClass cls, int hits, int sampled, String what) {
        Classification classification = new Classification(cls, null,
                String.format(Locale.ROOT, Classification.CONTENT + " %d of %d %s", hits, sampled, what));
        return new ColumnPlan(c.column, classification, cls.defaultRule(), Map.of(), "auto");
    }

    private static void instantiateRules(Plan plan, RuleContext ctx, Map<String, Object> report) {
        for (ColumnPlan c : plan.columns) {
            RuleDescriptor d = Rules.byName(c.ruleName);
            if (c.column.structured() && !STRUCTURED_RULES.contains(c.ruleName)) {
                throw new MaskingException("unsupported-type", "column " + c.column.path() + " of type "
                        + c.column.type() + " holds structured values; it can be masked with " + String.join(", ",
                        new TreeSet<>(STRUCTURED_RULES)) + ", not '" + c.ruleName + "'", report, null);
            }
            if (c.ruleName.equals("empty") && c.column.kind() != ValueKind.TEXT && !c.column.type().equals("bytea")) {
                throw new MaskingException("unsupported-type", "column " + c.column.path() + " of type "
                        + c.column.type() + " has no empty value; rule 'empty' takes text and bytea columns", report, null);
            }
            if (!c.ruleName.equals("keep") && !d.accepts().contains(c.column.kind())) {
                throw new MaskingException("unsupported-type", "column " + c.column.path() + " of type "
                        + c.column.type() + " cannot be masked with rule '" + c.ruleName + "' (it accepts "
                        + d.accepts().toString().toLowerCase(Locale.ROOT) + ")", report, null);
            }
            try {
                c.rule = d.factory().create(ctx, c.params, new RuleTarget(c.column.kind(), plan.catalog.maxLength(c.column),
                        plan.catalog.unique(c.column), c.column.notNull(), c.classification.part()));
            } catch (RuleException e) {
                throw new MaskingException("constraint", "column " + c.column.path() + ": " + e.getMessage(), report, e);
            }
            if (c.column.isArray() && !c.ruleName.equals("keep") && !c.ruleName.equals("set_null")) {
                c.rule = new ArrayElementsRule(c.rule);
            }
        }
    }

    /** The masked columns of a constraint's table that it involves: its columns, and those a CHECK's expression names. */
    private static List<ColumnPlan> maskedIn(Plan plan, TableInfo t, ConstraintInfo k) {
        return plan.of(t).stream().filter(p -> p.masks() && (k.columns().contains(p.column.name())
                || k.type() == ConstraintInfo.Type.CHECK && k.expression() != null
                && ConstraintInfo.names(k.expression(), p.column.name()))).toList();
    }

    /** Which masked columns a constraint involves, with their rules and the parameters those rules take. */
    private static String maskedBy(Plan plan, TableInfo t, ConstraintInfo k) {
        List<String> parts = new ArrayList<>();
        for (ColumnPlan p : maskedIn(plan, t, k)) {
            RuleDescriptor d = Rules.byName(p.ruleName);
            String params = d == null || d.params().isEmpty() ? "" : " (parameters: " + d.params().stream()
                    .map(RuleParam::name).collect(Collectors.joining(", ")) + ")";
            parts.add(p.column.name() + " is masked with rule '" + p.ruleName + "'" + params);
        }
        return parts.isEmpty() ? "" : ": " + String.join(", ", parts);
    }

    private List<Map<String, Object>> maskTables(StagingConnections staging, Plan plan, MaskingDialect dialect,
                                                 ExecutorService pool, MaskingProgress progress,
                                                 Map<String, Object> report) throws SQLException {
        List<Map<String, Object>> done = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> jobs = new ArrayList<>();
        List<TableInfo> order = new ArrayList<>(plan.catalog.tables());
        order.sort((a, b) -> Long.compare(b.estimatedRows(), a.estimatedRows()));
        for (TableInfo t : order) {
            List<ColumnPlan> masked = plan.of(t).stream().filter(ColumnPlan::masks).toList();
            if (masked.isEmpty()) {
                continue;
            }
            progress.progress("mask", t.path(), 0, t.estimatedRows());
            jobs.add(() -> {
                long start = System.nanoTime();
                learnColumns(staging, dialect, t, masked);
                MaskingDialect.RewriteStats stats;
                try (Connection read = staging.open(); Connection write = staging.open()) {
                    stats = dialect.rewrite(read, write, t, masked.stream().map(c -> c.column).toList(), values -> {
                        for (int j = 0; j < values.length; j++) {
                            String v = values[j];
                            if (v != null) {
                                String m = masked.get(j).mask(v);
                                if (!Objects.equals(m, v)) {
                                    masked.get(j).changed.increment();
                                }
                                values[j] = m;
                            }
                        }
                    }, n -> progress.progress("mask", t.path(), n, Math.max(n, t.estimatedRows())));
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("schema", t.schema());
                m.put("table", t.name());
                m.put("rows", stats.rows());
                m.put("maskedColumns", masked.stream().map(c -> c.column.name()).toList());
                m.put("millis", (System.nanoTime() - start) / 1_000_000);
                m.put("readAndMaskMillis", stats.readMaskMs());
                m.put("reloadMillis", stats.reloadMs());
                done.add(m);
                return null;
            });
        }
        try {
            runAll(pool, jobs);
        } catch (RuleException e) {
            throw new MaskingException("constraint", e.getMessage(), report, e);
        }
        return List.copyOf(done);
    }

    /** Unique, check and foreign-key constraints touching masked columns, checked before they are built. */
    private static int verifyConstraints(StagingConnections staging, Plan plan, MaskingDialect dialect,
                                         Map<String, Object> report) throws SQLException {
        int verified = 0;
        try (Connection c = staging.open(); Statement st = c.createStatement()) {
            for (ConstraintInfo k : plan.catalog.constraints()) {
                TableInfo t = plan.catalog.table(k.schema(), k.table());
                if (t == null) {
                    continue;
                }
                boolean touched = !maskedIn(plan, t, k).isEmpty();
                String sql = null;
                if ((k.type() == ConstraintInfo.Type.UNIQUE || k.type() == ConstraintInfo.Type.PRIMARY_KEY) && touched) {
                    sql = dialect.duplicatesSql(t, k.columns());
                } else if (k.type() == ConstraintInfo.Type.CHECK && touched && k.expression() != null) {
                    sql = dialect.checkViolationsSql(t, k.expression());
                } else if (k.type() == ConstraintInfo.Type.FOREIGN_KEY && touched) {
                    sql = dialect.orphansSql(t, k, plan.catalog.table(k.refSchema(), k.refTable()));
                }
                if (sql == null) {
                    continue;
                }
                verified++;
                try (ResultSet rs = st.executeQuery(sql)) {
                    boolean violated = rs.next() && (k.type() != ConstraintInfo.Type.CHECK
                            && k.type() != ConstraintInfo.Type.FOREIGN_KEY || rs.getLong(1) > 0);
                    if (violated) {
                        throw new MaskingException("constraint", "after masking, constraint " + k.name() + " on "
                                + k.schema() + "." + k.table() + " (" + String.join(", ", k.columns())
                                + ") would not hold" + maskedBy(plan, t, k) + "; give these columns another rule or"
                                + " other parameters in the policy", report, null);
                    }
                }
            }
        }
        return verified;
    }

    private Map<String, Object> leakScan(StagingConnections staging, Plan plan, MaskingDialect dialect,
                                         ExecutorService pool, MaskingProgress progress)
            throws SQLException {
        List<LeakScanner> scanners = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> jobs = new ArrayList<>();
        for (TableInfo t : plan.catalog.tables()) {
            List<ColumnPlan> cols = plan.of(t);
            Set<String> unmasked = new HashSet<>();
            Set<String> emails = new HashSet<>();
            Set<String> things = new HashSet<>();
            for (ColumnPlan c : cols) {
                if (!c.masks()) {
                    unmasked.add(c.column.name());
                    if (namesThings(t, c, cols)) {
                        things.add(c.column.name());
                    }
                } else if (c.ruleName.equals("email")) {
                    emails.add(c.column.name());
                }
            }
            LeakScanner scanner = new LeakScanner(plan.values, t, unmasked, emails, things);
            if (scanner.columns().isEmpty()) {
                continue;
            }
            scanners.add(scanner);
            progress.progress("scan", t.path(), 0, 1);
            jobs.add(() -> {
                try (Connection c = staging.open()) {
                    c.setAutoCommit(false);
                    dialect.readRowsInParallel(c, t, scanner.columns(), scanner::scanRow);
                    c.commit();
                }
                progress.progress("scan", t.path(), 1, 1);
                return null;
            });
        }
        runAll(pool, jobs);
        List<Map<String, Object>> findings = new ArrayList<>();
        Map<String, Integer> labels = new TreeMap<>();
        Map<String, Long> thingNames = new TreeMap<>();
        long values = 0;
        int columns = 0;
        for (LeakScanner s : scanners) {
            s.findings().stream().map(LeakFinding::toMap).forEach(findings::add);
            labels.putAll(s.categoricalColumns());
            thingNames.putAll(s.thingNameColumns());
            values += s.valuesScanned();
            columns += s.columns().size();
        }
        Map<String, Object> scan = new LinkedHashMap<>();
        scan.put("passed", findings.isEmpty());
        scan.put("findings", findings);
        if (!labels.isEmpty()) {
            // column -> number of distinct labels; where a label equal to a word of a person's name is not a leak
            scan.put("labelColumns", labels);
        }
        if (!thingNames.isEmpty()) {
            // column -> values that are also words of a person's name, in a column of names of things (a country Jordan)
            scan.put("thingNameColumns", thingNames);
        }
        scan.put("columnsScanned", columns);
        scan.put("valuesScanned", values);
        scan.put("sourceValues", plan.values.size());
        scan.put("sourceNameWords", plan.values.nameWords());
        scan.put("method", "every text, character, JSON and network address value compared with the source's sensitive"
                + " values as keyed hashes (whole values, values found inside text, words of names); unmasked columns also"
                + " checked with the detectors");
        return scan;
    }

    /** Large objects hold documents no rule can mask inside: emptied, their ids kept; a failure stops the run. */
    private static void emptyLargeObjects(StagingConnections staging, MaskingDialect dialect, Map<String, Object> report) {
        try (Connection c = staging.open()) {
            long count = dialect.emptyLargeObjects(c);
            if (count > 0) {
                report.put("largeObjects", Map.of("count", count, "rule", "emptied: documents and images no rule can"
                        + " mask inside; their ids stay, so the columns that refer to them still do"));
            }
        } catch (SQLException e) {
            throw new MaskingException("large-objects", "the staged large objects could not be emptied: "
                    + safeMessage(e), report, e);
        }
    }

    private static long lap(Map<String, Long> phases, String name, long since) {
        long now = System.nanoTime();
        phases.put(name, (now - since) / 1_000_000);
        return now;
    }

    private static void runAll(ExecutorService pool, List<Callable<Void>> jobs) throws SQLException {
        List<Future<Void>> futures = new ArrayList<>();
        for (Callable<Void> job : jobs) {
            futures.add(pool.submit(job));
        }
        try {
            for (Future<Void> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof SQLException se) {
                throw se;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new SQLException(cause);
        }
    }

    /** An error message without values: quoted parts, details and context lines are dropped. */
    static String safeMessage(SQLException e) {
        String first = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return "SQLState " + e.getSQLState() + ": " + first.replaceAll("\"[^\"]*\"", "\"…\"")
                .replaceAll("'[^']*'", "'…'")
                .replaceAll("\\([^)]*\\)=\\([^)]*\\)", "(…)")
                .replaceAll("(?i)(key value is|truncated value:) \\(.*\\)", "$1 (…)");
    }

    /** Opens a read-only connection to the source (PostgreSQL or SQL Server, by its JDBC URL). */
    static Connection openSource(SourceConnection source) throws SQLException {
        Properties props = sourceProperties(source);
        String url = source.jdbcUrl();
        if (url.startsWith("jdbc:sqlserver:") && source.username() != null) {
            url = SqlServerUrls.withoutCredentials(url);
        }
        Connection c = DriverManager.getConnection(url, props);
        c.setReadOnly(true);
        return c;
    }

    /** Connection properties of a read-only source session, in the spelling of its driver. */
    static Properties sourceProperties(SourceConnection source) {
        Properties props = new Properties();
        boolean sqlServer = source.jdbcUrl().startsWith("jdbc:sqlserver:");
        if (source.username() != null) {
            props.setProperty("user", source.username());
        }
        if (source.password() != null) {
            props.setProperty("password", source.password());
        }
        if (sqlServer) {
            props.setProperty("applicationName", "petri-masking (read only)");
            props.setProperty("applicationIntent", "ReadOnly");
        } else {
            props.setProperty("ApplicationName", "petri-masking (read only)");
            props.setProperty("readOnly", "true");
        }
        return props;
    }
}
