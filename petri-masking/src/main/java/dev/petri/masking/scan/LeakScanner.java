package dev.petri.masking.scan;

import dev.petri.masking.catalog.ColumnInfo;
import dev.petri.masking.catalog.TableInfo;
import dev.petri.masking.detect.SensitiveClass;
import dev.petri.masking.detect.TextScanner;
import dev.petri.masking.rule.ValueKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The leak scan of one table after masking: every text, character and JSON value is checked against
 * the source's sensitive values (keyed hashes, whole values, values found inside text, and the
 * words of names), and columns left unmasked are also checked with the detectors.
 */
public final class LeakScanner {

    private static final Set<SensitiveClass> DETECTED = EnumSet.of(SensitiveClass.EMAIL, SensitiveClass.PAYMENT_CARD,
            SensitiveClass.NATIONAL_ID, SensitiveClass.IBAN);

    private final SourceValues source;
    private final TableInfo table;
    private final List<ColumnInfo> columns;
    private final boolean[] detect;
    private final boolean[] email;
    private final boolean[] thing;
    private final LongAdder[] thingNames;
    private final Map<String, AtomicLong>[] counts;
    private final LongAdder values = new LongAdder();
    private final Labels[] labels;

    /** PostgreSQL's types of network and hardware addresses: scanned in their text form like text. */
    private static final Set<String> NETWORK_TYPES = Set.of("inet", "cidr", "macaddr", "macaddr8");

    /** Most distinct values an unmasked column may have and still be a set of labels. */
    public static final int MAX_LABELS = 50;

    /**
     * The distinct values of an unmasked column while there are few of them: a column of a handful of
     * labels repeated over many rows ({@code green}, {@code will call}) is a category, not people, even
     * when some labels are also words of names in the source. Kept in memory during the scan only.
     */
    private static final class Labels {
        final Set<String> distinct = ConcurrentHashMap.newKeySet();
        final Set<String> onlyNameWords = ConcurrentHashMap.newKeySet();
        final LongAdder rows = new LongAdder();
        volatile boolean many;

        void see(String v, SourceValues source) {
            rows.increment();
            if (many || distinct.contains(v)) {
                return;
            }
            if (distinct.size() >= MAX_LABELS) {
                many = true;
                distinct.clear();
                onlyNameWords.clear();
                return;
            }
            distinct.add(v);
            if (source.onlyNameWords(v)) {
                onlyNameWords.add(v);
            }
        }

        /** A column of labels: few distinct values, each repeated, most of them not names alone. */
        boolean categorical() {
            int n = distinct.size();
            return !many && n > 0 && rows.sum() >= 4L * n && onlyNameWords.size() * 10 < n * 8;
        }
    }

    /**
     * A scanner for one table.
     *
     * @param source   the source's sensitive values
     * @param table    the table
     * @param unmasked names of its columns that were left unmasked and are not known to be sensitive
     * @param emails   names of its columns masked with the {@code email} rule: the domains of their addresses are
     *                 the rule's (from a policy or a CHECK that insists on one, {@code @acme.com}), not the source's,
     *                 so only their local parts are checked for words of names
     * @param things   names of its unmasked columns that hold names of things ({@code countries.name}): a value there
     *                 that holds a word of a person's name or is a single name (a country called Jordan) is counted,
     *                 not a finding; one equal to a person's whole name of several words (John Smith) is a finding
     */
    @SuppressWarnings("unchecked")
    public LeakScanner(SourceValues source, TableInfo table, Set<String> unmasked, Set<String> emails,
                       Set<String> things) {
        this.source = source;
        this.table = table;
        this.columns = table.columns().stream()
                .filter(c -> c.kind() == ValueKind.TEXT || c.kind() == ValueKind.JSON || NETWORK_TYPES.contains(c.baseType()))
                .toList();
        this.detect = new boolean[columns.size()];
        this.email = new boolean[columns.size()];
        this.thing = new boolean[columns.size()];
        this.thingNames = new LongAdder[columns.size()];
        this.counts = new Map[columns.size()];
        this.labels = new Labels[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            detect[i] = unmasked.contains(columns.get(i).name());
            email[i] = emails.contains(columns.get(i).name());
            thing[i] = things.contains(columns.get(i).name());
            thingNames[i] = new LongAdder();
            counts[i] = new ConcurrentHashMap<>();
            labels[i] = detect[i] ? new Labels() : null;
        }
    }

    /** The columns this scanner reads, in the order {@link #scanRow} expects them. */
    public List<ColumnInfo> columns() {
        return columns;
    }

    /** Checks one row (values in the order of {@link #columns()}). Thread safe. */
    public void scanRow(String[] row) {
        for (int i = 0; i < row.length; i++) {
            String v = row[i];
            if (v == null || v.isEmpty()) {
                continue;
            }
            values.increment();
            if (labels[i] != null) {
                labels[i].see(v, source);
            }
            ColumnInfo column = columns.get(i);
            if (column.isArray()) {
                int c = i;
                column.forEachValue(v, e -> scanValue(c, e));
            } else {
                scanValue(i, v);
            }
        }
    }

    private void scanValue(int i, String v) {
        // nearly every value has no finding: the set is made only for one that has
        Set<String> found = null;
        SensitiveClass whole = wholeMatch(v);
        if (whole != null) {
            found = add(found, whole.id() + "|source-value");
        }
        for (TextScanner.Span s : TextScanner.scan(v)) {
            SensitiveClass m = source.match(s.sensitiveClass(), v.substring(s.start(), s.end()));
            if (m != null) {
                found = add(found, m.id() + "|source-value");
            } else if (detect[i] && DETECTED.contains(s.sensitiveClass())) {
                found = add(found, s.sensitiveClass().id() + "|detector");
            }
        }
        int at = email[i] ? v.lastIndexOf('@') : -1;
        if (source.containsNameWord(v, at > 0 ? at : v.length())) {
            found = add(found, SensitiveClass.PERSON_NAME.id() + "|source-name");
        }
        if (found == null) {
            return;
        }
        if (thing[i]) {
            // a name of a thing that holds a word of a person's name (Johnson Controls), or is a single name (Jordan, a
            // country); one with a person's name of several words in it (Antonio Moreno Taquería) stays a finding
            boolean word = !source.namesSomeone(v) && found.remove(SensitiveClass.PERSON_NAME.id() + "|source-name");
            boolean single = v.trim().indexOf(' ') < 0 && found.remove(SensitiveClass.PERSON_NAME.id() + "|source-value");
            if (word || single) {
                thingNames[i].increment();
            }
        }
        for (String f : found) {
            counts[i].computeIfAbsent(f, k -> new AtomicLong()).incrementAndGet();
        }
    }

    private static Set<String> add(Set<String> found, String finding) {
        Set<String> set = found == null ? new HashSet<>(4) : found;
        set.add(finding);
        return set;
    }

    /**
     * The class of an original value equal to the whole of this one, in the normal forms that can
     * apply: lower case always, digits only when digits make up most of it, letters and digits only
     * when it is short, exactly as it is for credentials. Each form costs a lookup, so implausible
     * forms are skipped.
     */
    private SensitiveClass wholeMatch(String v) {
        if (v.length() > 320) {
            return null;
        }
        SensitiveClass m = source.match(SensitiveClass.EMAIL, v);
        if (m != null) {
            return m;
        }
        int digits = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            }
        }
        if (digits >= 7 && digits * 2 >= v.length()) {
            m = source.match(SensitiveClass.PHONE, v);
            if (m != null) {
                return m;
            }
        }
        if (digits > 0 && v.length() <= 40) {
            m = source.match(SensitiveClass.NATIONAL_ID, v);
            if (m != null) {
                return m;
            }
        }
        if (v.length() >= 12 && v.length() <= 23 && source.holds(SensitiveClass.MAC_ADDRESS)) {
            m = source.match(SensitiveClass.MAC_ADDRESS, v);
            if (m != null) {
                return m;
            }
        }
        return v.length() >= SourceValues.MIN_SECRET && source.holds(SensitiveClass.SECRET)
                ? source.match(SensitiveClass.SECRET, v) : null;
    }

    /** Values checked so far. */
    public long valuesScanned() {
        return values.sum();
    }

    /**
     * What was found, by column and class. In an unmasked column of labels (see {@link #categoricalColumns}), words
     * and whole values that are also names of people in the source are not counted: {@code green} is a colour there,
     * whoever is called Green; in one of names of things (see {@link #thingNameColumns}), words and single-word values:
     * Jordan is a country there, but a company called exactly like a customer, John Smith, is counted.
     */
    public List<LeakFinding> findings() {
        List<LeakFinding> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            boolean noOnesNames = labels[i] != null && labels[i].categorical();
            for (Map.Entry<String, AtomicLong> e : new TreeMap<>(counts[i]).entrySet()) {
                String[] k = e.getKey().split("\\|", 2);
                if (noOnesNames && k[0].equals(SensitiveClass.PERSON_NAME.id())) {
                    continue;
                }
                out.add(new LeakFinding(table.schema(), table.name(), columns.get(i).name(), k[0], e.getValue().get(), k[1]));
            }
        }
        return out;
    }

    /**
     * Unmasked columns of names of things where values held words of people's names or were single names (a country
     * Jordan), with how many such values were seen; never the values.
     */
    public Map<String, Long> thingNameColumns() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            if (thingNames[i].sum() > 0) {
                out.put(table.schema() + "." + table.name() + "." + columns.get(i).name(), thingNames[i].sum());
            }
        }
        return out;
    }

    /**
     * Unmasked columns whose values are a few labels repeated over many rows (at most {@value #MAX_LABELS}
     * distinct, each seen four times on average, fewer than 80 % of them made of name words alone), where
     * a label that is also a name of a person in the source is not counted as a leak; with their number
     * of distinct values, never the values.
     */
    public Map<String, Integer> categoricalColumns() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            if (labels[i] != null && labels[i].categorical() && counts[i].keySet().stream()
                    .anyMatch(k -> k.startsWith(SensitiveClass.PERSON_NAME.id() + "|"))) {
                out.put(table.schema() + "." + table.name() + "." + columns.get(i).name(), labels[i].distinct.size());
            }
        }
        return out;
    }
}
