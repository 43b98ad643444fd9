package dev.petri.masking.rule;

import java.util.EnumSet;
import java.util.List;

/**
 * Replaces every value by its type's empty value: an empty text, or an empty {@code bytea} ({@code \x}); for
 * NOT NULL columns that {@code set_null} cannot clear (not for unique columns).
 */
public final class EmptyRule implements MaskingRule {

    /** {@code empty}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("empty",
            "replaces the value by an empty text or an empty bytea", List.of(), EnumSet.of(ValueKind.TEXT, ValueKind.OTHER),
            (ctx, params, target) -> {
                if (target.unique()) {
                    throw new RuleException("empty writes one value for all rows and cannot keep a UNIQUE column unique");
                }
                return new EmptyRule(target.kind() == ValueKind.TEXT ? "" : "\\x");
            });

    private final String empty;

    private EmptyRule(String empty) {
        this.empty = empty;
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        return empty;
    }
}
