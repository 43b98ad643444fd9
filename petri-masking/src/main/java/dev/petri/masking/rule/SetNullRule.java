package dev.petri.masking.rule;

import java.util.EnumSet;
import java.util.List;

/** Replaces every value by NULL (only for nullable columns). */
public final class SetNullRule implements MaskingRule {

    /** {@code set_null}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("set_null", "replaces the value by NULL",
            List.of(), EnumSet.allOf(ValueKind.class), (ctx, params, target) -> {
                if (target.notNull()) {
                    throw new RuleException("set_null cannot apply to a NOT NULL column");
                }
                return new SetNullRule();
            });

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        return null;
    }
}
