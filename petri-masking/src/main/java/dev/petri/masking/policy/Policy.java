package dev.petri.masking.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A masking policy: one entry per column, reviewed by people and kept in source control. In JSON
 * or YAML: {@code {"version": 1, "columns": [{"schema", "table", "column", "class", "rule", "params"}]}}.
 *
 * @param columns the entries
 */
public record Policy(List<ColumnPolicy> columns) {

    /** The keys an entry may have; any other is a typo that would silently do nothing. */
    public static final List<String> ENTRY_KEYS = List.of("schema", "table", "column", "class", "rule", "params",
            "evidence", "generated");

    /** The empty policy: everything as classified. */
    public static Policy empty() {
        return new Policy(List.of());
    }

    /** The entry for a column, or null. */
    public ColumnPolicy find(String schema, String table, String column) {
        for (ColumnPolicy c : columns) {
            if (c.isFor(schema, table, column)) {
                return c;
            }
        }
        return null;
    }

    /** A policy read from plain maps (parsed JSON or YAML); null or empty gives the empty policy. */
    @SuppressWarnings("unchecked")
    public static Policy fromMap(Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return empty();
        }
        Object version = map.get("version");
        if (version != null && !"1".equals(String.valueOf(version))) {
            throw new PolicyException("unsupported policy version " + version + " (expected 1)");
        }
        for (String key : map.keySet()) {
            if (!key.equals("version") && !key.equals("columns")) {
                throw new PolicyException("unknown policy key '" + key + "' (expected version, columns)");
            }
        }
        Object cols = map.get("columns");
        if (cols == null) {
            return empty();
        }
        if (!(cols instanceof List<?> list)) {
            throw new PolicyException("policy 'columns' must be a list");
        }
        List<ColumnPolicy> entries = new ArrayList<>();
        int i = 0;
        for (Object o : list) {
            i++;
            if (!(o instanceof Map<?, ?> m)) {
                throw new PolicyException("policy column entry " + i + " must be an object");
            }
            for (Object key : m.keySet()) {
                if (!ENTRY_KEYS.contains(String.valueOf(key))) {
                    throw new PolicyException("policy entry " + i + describe(m) + " has the unknown key '" + key
                            + "' (expected " + String.join(", ", ENTRY_KEYS) + ")");
                }
            }
            String schema = text(m, "schema", i, true);
            String table = text(m, "table", i, true);
            String column = text(m, "column", i, true);
            Object params = m.get("params");
            if (params != null && !(params instanceof Map)) {
                throw new PolicyException("params of policy entry " + i + " must be an object");
            }
            Map<String, String> p = new LinkedHashMap<>();
            if (params != null) {
                ((Map<String, Object>) params).forEach((k, v) -> p.put(k, String.valueOf(v)));
            }
            String cls = text(m, "class", i, false);
            if (cls != null && dev.petri.masking.detect.SensitiveClass.byId(cls) == null) {
                throw new PolicyException("policy entry " + i + " (" + schema + "." + table + "." + column
                        + ") has the unknown class '" + cls + "'");
            }
            String rule = text(m, "rule", i, false);
            if (rule != null && dev.petri.masking.rule.Rules.byName(rule) == null) {
                throw new PolicyException("policy entry " + i + " (" + schema + "." + table + "." + column
                        + ") has the unknown rule '" + rule + "'");
            }
            Object generated = m.get("generated");
            if (generated != null && !(generated instanceof Boolean)) {
                throw new PolicyException("'generated' of policy entry " + i + " (" + schema + "." + table + "." + column
                        + ") must be true or false");
            }
            ColumnPolicy entry = new ColumnPolicy(schema, table, column, cls, rule, p, text(m, "evidence", i, false),
                    Boolean.TRUE.equals(generated));
            if (entries.stream().anyMatch(e -> e.isFor(schema, table, column))) {
                throw new PolicyException("policy names column " + schema + "." + table + "." + column + " twice");
            }
            entries.add(entry);
        }
        return new Policy(List.copyOf(entries));
    }

    /** How an entry is named in a message: its column, where it names one. */
    private static String describe(Map<?, ?> m) {
        Object schema = m.get("schema");
        Object table = m.get("table");
        Object column = m.get("column");
        return schema == null || table == null || column == null ? "" : " (" + schema + "." + table + "." + column + ")";
    }

    private static String text(Map<?, ?> m, String key, int i, boolean required) {
        Object v = m.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            if (required) {
                throw new PolicyException("policy entry " + i + " has no '" + key + "'");
            }
            return null;
        }
        return String.valueOf(v);
    }

    /** The policy as plain maps, JSON and YAML ready. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", 1);
        m.put("columns", columns.stream().map(ColumnPolicy::toMap).toList());
        return m;
    }
}
