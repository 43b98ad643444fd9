package dev.petri.masking.policy;

import dev.petri.masking.detect.SensitiveClass;
import dev.petri.masking.rule.Rules;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code policy check}: compares a committed policy with the current classification and lists what
 * a pipeline must not let through: unclassified columns, sensitive columns without a masking rule,
 * entries for columns that no longer exist, unknown classes or rules. A generated column (the proposal, read from
 * the catalog, says which) takes no rule: the database recomputes it from its inputs once they are masked, and the
 * leak scan still reads it, so its sensitive class with rule {@code keep} passes.
 */
public final class PolicyCheck {

    /**
     * One problem.
     *
     * @param schema  schema
     * @param table   table
     * @param column  column
     * @param problem what is wrong, in words (never a value)
     */
    public record Problem(String schema, String table, String column, String problem) {
    }

    private PolicyCheck() {
    }

    /**
     * The problems of a policy against the proposed one (the automatic classification of every
     * column of the source); an empty list means the check passes.
     */
    public static List<Problem> check(Policy policy, Policy proposed) {
        List<Problem> problems = new ArrayList<>();
        for (ColumnPolicy p : proposed.columns()) {
            ColumnPolicy c = policy.find(p.schema(), p.table(), p.column());
            if (c == null) {
                problems.add(new Problem(p.schema(), p.table(), p.column(), "column is not in the policy (classified as "
                        + p.cls() + ")"));
                continue;
            }
            String cls = c.cls() != null ? c.cls() : p.cls();
            SensitiveClass sc = SensitiveClass.byId(cls);
            if (sc == null) {
                problems.add(new Problem(c.schema(), c.table(), c.column(), "unknown class '" + cls + "'"));
                continue;
            }
            if (c.cls() == null) {
                problems.add(new Problem(c.schema(), c.table(), c.column(), "column has no class"));
            }
            if (c.rule() != null && Rules.byName(c.rule()) == null) {
                problems.add(new Problem(c.schema(), c.table(), c.column(), "unknown rule '" + c.rule() + "'"));
            } else if (p.generated()) {
                if (c.rule() != null && !c.rule().equals("keep")) {
                    problems.add(new Problem(c.schema(), c.table(), c.column(), "generated column: the database"
                            + " recomputes it from its masked inputs, so rule '" + c.rule() + "' would not apply;"
                            + " give it rule keep"));
                }
            } else if (sc.sensitive() && (c.rule() == null || c.rule().equals("keep"))) {
                problems.add(new Problem(c.schema(), c.table(), c.column(), "sensitive column (" + sc.id()
                        + ") has no masking rule"));
            }
        }
        for (ColumnPolicy c : policy.columns()) {
            if (proposed.find(c.schema(), c.table(), c.column()) == null) {
                problems.add(new Problem(c.schema(), c.table(), c.column(), "policy names a column that does not exist"));
            }
        }
        return problems;
    }
}
