package dev.petri.masking.rule;

import java.util.EnumSet;
import java.util.List;

/** Replaces every digit and letter by a keyed one of the same kind, keeping separators and length: for codes of unknown format. */
public final class ShapeRule implements MaskingRule {

    /** {@code shape}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("shape",
            "same length and shape, digits (FF1) and letters replaced", List.of(),
            EnumSet.of(ValueKind.TEXT, ValueKind.NUMBER), (ctx, params, target) -> new ShapeRule(ctx));

    private final RuleContext ctx;

    ShapeRule(RuleContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        return ctx.scrambleShape(11, value);
    }
}
