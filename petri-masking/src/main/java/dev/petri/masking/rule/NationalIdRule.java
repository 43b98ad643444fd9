package dev.petri.masking.rule;

import dev.petri.masking.detect.SensitiveClass;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;

/** Replaces a national id (SSN, tax id, passport number …) by another of the same shape: digits by FF1, letters by keyed letters. */
public final class NationalIdRule implements MaskingRule {

    /** {@code national_id}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("national_id",
            "same shape, digits encrypted with FF1, letters replaced", List.of(),
            EnumSet.of(ValueKind.TEXT, ValueKind.NUMBER), (ctx, params, target) -> new NationalIdRule(ctx));

    private final RuleContext ctx;

    private final Function<String, String> compute = this::maskNow;

    NationalIdRule(RuleContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        return ctx.memo("national_id", value, compute);
    }

    private String maskNow(String value) {
        String out = ctx.scrambleShape(4, value);
        for (int a = 0; a < ctx.maxAttempts() && ctx.source().match(SensitiveClass.NATIONAL_ID, out) != null; a++) {
            out = ctx.scrambleShape(4, out);
        }
        return out;
    }
}
