package dev.petri.masking.rule;

import java.util.EnumSet;
import java.util.List;

/** Keeps values as they are: for identifiers and columns that hold nothing personal. */
public final class KeepRule implements MaskingRule {

    /** {@code keep}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("keep", "keeps the value unchanged", List.of(),
            EnumSet.allOf(ValueKind.class), (ctx, params, target) -> new KeepRule());

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        return value;
    }
}
