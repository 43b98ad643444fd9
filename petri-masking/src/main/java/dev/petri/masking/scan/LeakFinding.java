package dev.petri.masking.scan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the leak scan found sensitive data, never what.
 *
 * @param schema schema
 * @param table  table
 * @param column column
 * @param cls    class of what was found
 * @param count  number of values
 * @param how    {@code source-value} (equal to an original sensitive value, compared as keyed hashes),
 *               {@code source-name} (a word of an original name) or {@code detector} (found by pattern
 *               and validator in a column left unmasked)
 */
public record LeakFinding(String schema, String table, String column, String cls, long count, String how) {

    /** The finding as plain maps, JSON ready. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", schema);
        m.put("table", table);
        m.put("column", column);
        m.put("class", cls);
        m.put("count", count);
        m.put("how", how);
        return m;
    }
}
