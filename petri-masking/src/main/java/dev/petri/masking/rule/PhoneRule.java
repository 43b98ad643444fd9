package dev.petri.masking.rule;

import dev.petri.masking.detect.SensitiveClass;
import dev.petri.masking.detect.Validators;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Encrypts the digits of a phone number with FF1, keeping its format (separators, brackets, plus sign) and its
 * country code or trunk zero.
 */
public final class PhoneRule implements MaskingRule {

    /** {@code phone}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("phone",
            "format-preserving encryption of the digits (FF1), format kept", List.of(),
            EnumSet.of(ValueKind.TEXT, ValueKind.NUMBER), (ctx, params, target) -> new PhoneRule(ctx));

    private final RuleContext ctx;

    private final Function<String, String> compute = this::maskNow;

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
        int keep = keptPrefix(value);
        String head = value.substring(0, keep);
        String digits = Validators.digits(value.substring(keep));
        if (digits.length() < 4) {
            head = "";
            digits = Validators.digits(value);
        }
        if (digits.isEmpty()) {
            return ctx.scrambleShape(3, value);
        }
        String kept = Validators.digits(head);
        String enc = ctx.keys().digits(digits, "phone");
        for (int a = 0; a < ctx.maxAttempts() && ctx.source().match(SensitiveClass.PHONE, kept + enc) != null; a++) {
            enc = ctx.keys().digits(enc, "phone");
        }
        return head + RuleContext.replaceDigits(value.substring(head.length()), enc);
    }

    /**
     * How many leading characters say which country or network a number is in and stay as they are: a country
     * code ({@code +49 }, {@code 0049 }), or a national number's trunk zero ({@code 0171 …}); none of it tells
     * one person from another, and a masked number with a real country code still parses as a phone number.
     */
    static int keptPrefix(String value) {
        int i = 0;
        if (value.startsWith("+")) {
            i = 1;
        } else if (value.startsWith("00")) {
            i = 2;
        } else {
            while (i < value.length() && value.charAt(i) == '0') {
                i++;
            }
            return i;
        }
        int start = i;
        while (i < value.length() && i - start <= 3 && Character.isDigit(value.charAt(i))) {
            i++;
        }
        int code = i - start;
        if (code >= 1 && code <= 3 && i < value.length() && !Character.isDigit(value.charAt(i))) {
            return i;
        }
        // an E.164 number without separators (+4915112345678): its country code's length is known from its first digits
        return Validators.digits(value.substring(start)).length() == value.length() - start && value.length() - start >= 8
                ? start + countryCodeLength(value, start) : 0;
    }

    /** Two-digit country calling codes (ITU-T E.164); 1 and 7 are one digit long, every other code three. */
    private static final Set<String> TWO_DIGIT_CODES = Set.of("20", "27", "30", "31", "32", "33", "34", "36", "39",
            "40", "41", "43", "44", "45", "46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60",
            "61", "62", "63", "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98");

    static int countryCodeLength(String value, int start) {
        char first = value.charAt(start);
        if (first == '1' || first == '7') {
            return 1;
        }
        return TWO_DIGIT_CODES.contains(value.substring(start, start + 2)) ? 2 : 3;
    }
}
