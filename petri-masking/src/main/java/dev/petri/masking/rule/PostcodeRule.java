package dev.petri.masking.rule;

import java.util.EnumSet;
import java.util.List;

/** Replaces a postcode by another of the same shape (digits and letters replaced, separators kept). */
public final class PostcodeRule implements MaskingRule {

    /** {@code postcode}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("postcode", "same shape, new digits and letters",
            List.of(), EnumSet.of(ValueKind.TEXT, ValueKind.NUMBER), (ctx, params, target) -> new PostcodeRule(ctx));

    private final RuleContext ctx;

    PostcodeRule(RuleContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        return ctx.scrambleShape(8, value);
    }
}
