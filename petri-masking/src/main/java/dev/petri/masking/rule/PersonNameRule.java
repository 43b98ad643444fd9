package dev.petri.masking.rule;

import java.util.EnumSet;
import java.util.List;

/**
 * Replaces each word of a person's name by a realistic pseudonym (Datafaker pools): the same word
 * gives the same pseudonym everywhere, in columns, JSON and free text alike, never an original name.
 */
public final class PersonNameRule implements MaskingRule {

    /** {@code person_name}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("person_name",
            "replaces each word of a name by a realistic pseudonym", List.of(), EnumSet.of(ValueKind.TEXT),
            (ctx, params, target) -> new PersonNameRule(ctx, target.maxLength()));

    private final RuleContext ctx;
    private final int maxLength;

    PersonNameRule(RuleContext ctx, int maxLength) {
        this.ctx = ctx;
        this.maxLength = maxLength;
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        return RuleContext.fit(ctx.maskName(value), maxLength);
    }
}
