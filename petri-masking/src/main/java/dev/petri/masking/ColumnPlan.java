package dev.petri.masking;

import dev.petri.masking.catalog.ColumnInfo;
import dev.petri.masking.detect.Classification;
import dev.petri.masking.detect.Placeholders;
import dev.petri.masking.rule.MaskingRule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The plan for one column: its classification, the rule chosen for it and, while running, its count of changed rows. */
final class ColumnPlan {

    private static final int CACHE_LIMIT = 100_000;
    private static final Set<String> CACHED_RULES = Set.of("person_name", "address", "postcode",
            "date_of_birth");
    /** Rules that replace every value alike, placeholders included. */
    private static final Set<String> CLEARING_RULES = Set.of("keep", "set_null", "empty", "redact");

    final ColumnInfo column;
    final Classification classification;
    final String ruleName;
    final Map<String, String> params;
    final String source;
    MaskingRule rule;
    final LongAdder changed = new LongAdder();
    private final Map<String, String> cache = new ConcurrentHashMap<>();
    private final boolean cached;
    private final boolean keepsPlaceholders;

    ColumnPlan(ColumnInfo column, Classification classification, String ruleName, Map<String, String> params,
               String source) {
        this.column = column;
        this.classification = classification;
        this.ruleName = ruleName;
        this.params = params;
        this.source = source;
        this.cached = CACHED_RULES.contains(ruleName);
        this.keepsPlaceholders = !CLEARING_RULES.contains(ruleName);
    }

    boolean masks() {
        return !"keep".equals(ruleName);
    }

    /**
     * Masks one non-null value, remembering values of low-cardinality rules (names, places, dates); a blank value or a
     * placeholder ({@code N/A}) stays as it is under a rule that draws realistic values.
     */
    String mask(String value) {
        if (keepsPlaceholders && Placeholders.is(value)) {
            return value;
        }
        if (!cached) {
            return rule.mask(value);
        }
        String cached = cache.get(value);
        if (cached != null) {
            return cached;
        }
        String masked = rule.mask(value);
        if (masked != null && cache.size() < CACHE_LIMIT) {
            cache.put(value, masked);
        }
        return masked;
    }

    Map<String, Object> report() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", column.schema());
        m.put("table", column.table());
        m.put("column", column.name());
        m.put("type", column.type());
        m.put("class", classification.sensitiveClass().id());
        m.put("evidence", classification.evidence());
        m.put("rule", ruleName);
        if (!params.isEmpty()) {
            m.put("params", new LinkedHashMap<>(params));
        }
        if (column.generated()) {
            m.put("generated", true);
        }
        m.put("decidedBy", source);
        m.put("rowsChanged", changed.sum());
        return m;
    }
}
