package dev.petri.masking.rule;

import dev.petri.masking.detect.Validators;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Replaces a card number by a Luhn-valid number of the same length and grouping in a test range
 * (a fixed issuer prefix), the rest of the digits from FF1; values that are not card-like (fewer
 * than 12 digits) are left alone, so it also fits columns that only sometimes hold cards.
 */
public final class PaymentCardRule implements MaskingRule {

    static final RuleParam PREFIX = new RuleParam("prefix", "issuer prefix of the test range", "400000");

    /** {@code payment_card}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("payment_card",
            "Luhn-valid test-range card number, same length and grouping (FF1)", List.of(PREFIX),
            EnumSet.of(ValueKind.TEXT, ValueKind.NUMBER), PaymentCardRule::new);

    private final RuleContext ctx;
    private final String prefix;
    private final String memoKind;
    private final Function<String, String> compute = this::maskNow;

    PaymentCardRule(RuleContext ctx, Map<String, String> params, RuleTarget target) {
        this.ctx = ctx;
        this.prefix = RuleDescriptor.param(params, PREFIX);
        if (!prefix.matches("\\d{1,8}")) {
            throw new RuleException("payment_card prefix must be 1 to 8 digits");
        }
        this.memoKind = ("payment_card|" + prefix).intern();
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        return ctx.memo(memoKind, value, compute);
    }

    private String maskNow(String value) {
        String digits = Validators.digits(value);
        if (digits.length() < 12 || digits.length() > 19) {
            return value;
        }
        String enc = ctx.keys().digits(digits.substring(0, digits.length() - 1), "card");
        String payload = prefix + enc.substring(prefix.length());
        return RuleContext.replaceDigits(value, payload + Validators.luhnCheckDigit(payload));
    }
}
