package dev.petri.masking.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a policy says about one column: its class, the rule that masks it and the rule's parameters.
 * A null class or rule means "as classified".
 *
 * @param schema   schema
 * @param table    table, exactly as stored
 * @param column   column, exactly as stored
 * @param cls      class id (see {@code SensitiveClass}), or null
 * @param rule     rule name (see {@code Rules}), or null
 * @param params   rule parameters
 * @param evidence  why the class was proposed (informational)
 * @param generated the column is generated: the database recomputes it from its inputs, which are masked by their
 *                  own entries, so it takes no rule (informational in a file; the catalog decides)
 */
public record ColumnPolicy(String schema, String table, String column, String cls, String rule,
                           Map<String, String> params, String evidence, boolean generated) {

    public ColumnPolicy {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** An entry for a column that is not generated. */
    public ColumnPolicy(String schema, String table, String column, String cls, String rule, Map<String, String> params,
                        String evidence) {
        this(schema, table, column, cls, rule, params, evidence, false);
    }

    /** Whether this entry is about a column. */
    public boolean isFor(String schema, String table, String column) {
        return this.schema.equals(schema) && this.table.equals(table) && this.column.equals(column);
    }

    /** The entry as plain maps, JSON and YAML ready. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", schema);
        m.put("table", table);
        m.put("column", column);
        if (cls != null) {
            m.put("class", cls);
        }
        if (rule != null) {
            m.put("rule", rule);
        }
        if (!params.isEmpty()) {
            m.put("params", new LinkedHashMap<>(params));
        }
        if (evidence != null) {
            m.put("evidence", evidence);
        }
        if (generated) {
            m.put("generated", true);
        }
        return m;
    }
}
