package dev.petri.masking.rule;

import dev.petri.masking.detect.SensitiveClass;
import dev.petri.masking.detect.Validators;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Replaces a user name, login or handle by a realistic one made of a pseudonym and six keyed digits
 * ({@code anna.kowalski482913}), keeping the original's separator ({@code .}, {@code _}, {@code -} or none);
 * a login that is an e-mail address is masked as one. The same original gives the same user name in every
 * column (a user name referred to elsewhere keeps joining), and two originals the same one with a chance of about
 * one in 10<sup>13</sup>; in a {@code varchar(n)} too narrow for it, the given name's initial and keyed letters
 * and digits instead.
 */
public final class UsernameRule implements MaskingRule {

    private static final int TAG = 17;

    /** {@code username}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("username",
            "pseudonym and keyed digits, separator kept; e-mail logins masked as e-mails", List.of(),
            EnumSet.of(ValueKind.TEXT), (ctx, params, target) -> new UsernameRule(ctx, target));

    private final RuleContext ctx;
    private final int maxLength;
    private final String memoKind;
    private final Function<String, String> compute = this::maskNow;

    UsernameRule(RuleContext ctx, RuleTarget target) {
        this.ctx = ctx;
        this.maxLength = target.maxLength();
        this.memoKind = ("username|" + maxLength).intern();
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
        String trimmed = value.trim();
        if (Validators.email(trimmed)) {
            return RuleContext.fit(ctx.maskEmbedded(SensitiveClass.EMAIL, trimmed), maxLength);
        }
        // a social handle keeps its @, and is the same user name with or without it
        String at = trimmed.length() > 1 && trimmed.charAt(0) == '@' ? "@" : "";
        String handle = trimmed.substring(at.length());
        String key = handle.toLowerCase(Locale.ROOT);
        String sep = handle.indexOf('.') >= 0 ? "." : handle.indexOf('_') >= 0 ? "_" : handle.indexOf('-') >= 0 ? "-" : "";
        FakeData fake = ctx.fake();
        String number = Long.toString(1_000_000L + Long.remainderUnsigned(ctx.keys().prf(TAG, 1, key), 1_000_000L))
                .substring(1);
        String first;
        String last;
        String full;
        int a = 0;
        do {
            // as every rule, never a word of an original name nor an original user name
            long h = ctx.keys().prf(TAG, 3 + a, key);
            first = fake.asciiFirstNames().get((int) Long.remainderUnsigned(h, fake.asciiFirstNames().size()));
            last = fake.asciiLastNames().get((int) Long.remainderUnsigned(h >>> 20, fake.asciiLastNames().size()));
            full = at + first + sep + last + number;
        } while (++a < ctx.maxAttempts() && (ctx.source().containsNameWord(first + " " + last)
                || ctx.source().match(SensitiveClass.USERNAME, full.substring(at.length())) != null
                || !at.isEmpty() && ctx.source().match(SensitiveClass.USERNAME, full) != null));
        if (maxLength == 0 || full.length() <= maxLength) {
            return full;
        }
        // a narrow column: the given name's initial and keyed letters and digits, as many as fit (up to 14)
        if (maxLength >= 6) {
            String code = at + first.charAt(0) + Long.toString(ctx.keys().prf(TAG, 2, key) & Long.MAX_VALUE, 36);
            return code.substring(0, Math.min(code.length(), maxLength));
        }
        return ctx.scrambleShape(TAG, value);
    }
}
