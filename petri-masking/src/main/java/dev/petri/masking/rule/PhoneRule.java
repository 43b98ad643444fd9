package dev.petri.masking.rule;

import dev.petri.masking.detect.SensitiveClass;
import dev.petri.masking.detect.Validators;
import java.util.EnumSet;
import java.util.List;

/** Encrypts the digits of a phone number with FF1, keeping its format (separators, brackets, plus sign). */
public final class PhoneRule implements MaskingRule {

    /** {@code phone}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("phone",
            "format-preserving encryption of the digits (FF1), format kept", List.of(),
            EnumSet.of(ValueKind.TEXT, ValueKind.NUMBER), (ctx, params, target) -> new PhoneRule(ctx));

    private final RuleContext ctx;

    private final java.util.function.Function<String, String> compute = this::maskNow;

    PhoneRule(RuleContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        return ctx.memo("phone", value, compute);
    }

    private String maskNow(String value) {
        String digits = Validators.digits(value);
        if (digits.isEmpty()) {
            return ctx.scrambleShape(3, value);
        }
        String enc = ctx.keys().digits(digits, "phone");
        for (int a = 0; a < ctx.maxAttempts() && ctx.source().match(SensitiveClass.PHONE, enc) != null; a++) {
            enc = ctx.keys().digits(enc, "phone");
        }
        return RuleContext.replaceDigits(value, enc);
    }
}
