package dev.petri.masking.rule;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the registry knows about a rule: its stable name, what it does, its declared parameters, the
 * column kinds it accepts, and how to build an instance for one column.
 *
 * @param name        stable name
 * @param description one line for people reading a policy
 * @param params      declared parameters
 * @param accepts     column kinds the rule can mask
 * @param factory     builds an instance
 */
public record RuleDescriptor(String name, String description, List<RuleParam> params, Set<ValueKind> accepts,
                             Factory factory) {

    /** Builds a rule instance for a column. */
    @FunctionalInterface
    public interface Factory {
        MaskingRule create(RuleContext context, Map<String, String> params, RuleTarget target);
    }

    /** The value of a parameter, or its declared default. */
    public static String param(Map<String, String> params, RuleParam p) {
        String v = params == null ? null : params.get(p.name());
        return v == null ? p.defaultValue() : v;
    }
}
