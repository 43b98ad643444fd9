package dev.petri.masking.rule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces each word of a person's name by a realistic pseudonym (Datafaker pools): the same word
 * gives the same pseudonym everywhere, in columns, JSON and free text alike, never an original name.
 * In a column that must stay unique, a name whose pseudonyms another name of the column already got (two originals
 * whose words drew the same pseudonyms) gets a keyed number after it ({@code Marit Thoolen 4821}). Which of them keeps
 * the plain pseudonym is decided by their keys over the whole column ({@link #learn}), not by the order rows come in,
 * so every run gives each original the same value.
 */
public final class PersonNameRule implements MaskingRule, LearnsColumn {

    /** Above this many distinct values a unique column is resolved as rows come (in their order), to bound memory. */
    static final int MAX_LEARNED = 2_000_000;

    /** {@code person_name}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("person_name",
            "replaces each word of a name by a realistic pseudonym", List.of(), EnumSet.of(ValueKind.TEXT),
            (ctx, params, target) -> new PersonNameRule(ctx, target.maxLength(), target.unique()));

    private static final int TAG = 24;

    private final RuleContext ctx;
    private final int maxLength;
    /** In a unique column: each masked name given so far, with the original it was given to. */
    private final Map<String, String> given;
    /** In a unique column whose values were learned: each original's masked name. */
    private volatile Map<String, String> learned = Map.of();

    PersonNameRule(RuleContext ctx, int maxLength, boolean unique) {
        this.ctx = ctx;
        this.maxLength = maxLength;
        this.given = unique ? new ConcurrentHashMap<>() : null;
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public boolean wantsColumn() {
        return given != null;
    }

    /**
     * Decides every original's masked name up front: originals whose names collide are ranked by a keyed hash (then by
     * their text), the first keeps the plain pseudonym, the others get numbers in that order.
     */
    @Override
    public void learn(Collection<String> values) {
        if (given == null || values.size() > MAX_LEARNED) {
            return;
        }
        Map<String, List<String>> byName = new HashMap<>();
        for (String v : values) {
            byName.computeIfAbsent(RuleContext.fit(ctx.maskName(v), maxLength), k -> new ArrayList<>(1)).add(v);
        }
        Comparator<String> rank = Comparator.<String>comparingLong(v -> ctx.keys().prf(TAG, 0, v)).thenComparing(v -> v);
        List<Map.Entry<String, List<String>>> names = new ArrayList<>(byName.entrySet());
        names.sort(Map.Entry.comparingByKey());
        Map<String, String> out = new HashMap<>(values.size() * 2);
        List<String> losers = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : names) {
            List<String> originals = e.getValue();
            originals.sort(rank);
            given.put(e.getKey(), originals.get(0));
            out.put(originals.get(0), e.getKey());
            losers.addAll(originals.subList(1, originals.size()));
        }
        for (String v : losers) {
            String name = ctx.maskName(v);
            out.put(v, numbered(v, RuleContext.fit(name, maxLength), name));
        }
        learned = out;
    }

    @Override
    public String mask(String value) {
        String known = learned.get(value);
        if (known != null) {
            return known;
        }
        String name = ctx.maskName(value);
        String masked = RuleContext.fit(name, maxLength);
        if (given == null) {
            return masked;
        }
        String original = given.putIfAbsent(masked, value);
        if (original == null || original.equals(value)) {
            return masked;
        }
        return numbered(value, masked, name);
    }

    /**
     * The name with a keyed number after it, the first such not given to another original; too narrow a column for a
     * number leaves the duplicate to the constraint check, which names it.
     */
    private String numbered(String value, String masked, String name) {
        String original = given.get(masked);
        for (int a = 1; original != null && !original.equals(value) && a < ctx.maxAttempts()
                && (maxLength == 0 || maxLength >= 6); a++) {
            String number = Long.toString(1_000 + Long.remainderUnsigned(ctx.keys().prf(TAG, a, value), 9_000));
            masked = (maxLength > 0 ? RuleContext.fit(name, maxLength - 5) : name) + " " + number;
            original = given.putIfAbsent(masked, value);
        }
        return masked;
    }
}
