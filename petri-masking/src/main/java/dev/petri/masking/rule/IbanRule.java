package dev.petri.masking.rule;

import dev.petri.masking.detect.Validators;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Replaces an IBAN by a valid one of the same country, length and grouping: BBAN digits by FF1, check digits recomputed.
 * A national account number (digits, also kept as a number) gets its digits encrypted the same way.
 */
public final class IbanRule implements MaskingRule {

    /** {@code iban}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("iban",
            "valid IBAN of the same country and shape (FF1 on the account digits)", List.of(),
            EnumSet.of(ValueKind.TEXT, ValueKind.NUMBER), (ctx, params, target) -> new IbanRule(ctx));

    private final RuleContext ctx;

    IbanRule(RuleContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        String compact = value.replace(" ", "").toUpperCase(Locale.ROOT);
        if (compact.length() < 8 || !Character.isLetter(compact.charAt(0)) || !Character.isLetter(compact.charAt(1))) {
            return ctx.scrambleShape(5, value);
        }
        String country = compact.substring(0, 2);
        String bban = ctx.scrambleShape(5, compact.substring(4));
        int check = 98 - Validators.ibanRemainder(bban + country + "00");
        String masked = country + String.format("%02d", check) + bban;
        StringBuilder sb = new StringBuilder(value.length());
        int mi = 0;
        for (int i = 0; i < value.length() && mi < masked.length(); i++) {
            sb.append(value.charAt(i) == ' ' ? ' ' : masked.charAt(mi++));
        }
        return sb.toString();
    }
}
