package dev.petri.masking.rule;

/**
 * A declared parameter of a masking rule.
 *
 * @param name         key in the policy's {@code params}
 * @param description  what it does
 * @param defaultValue value when the policy does not set it
 */
public record RuleParam(String name, String description, String defaultValue) {
}
