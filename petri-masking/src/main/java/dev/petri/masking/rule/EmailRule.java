package dev.petri.masking.rule;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Replaces an e-mail address by a realistic one on a reserved domain ({@code first.last12345678@example.com}),
 * with 8 keyed digits so distinct addresses stay distinct; fits varchar(n) down to 20 characters.
 */
public final class EmailRule implements MaskingRule {

    private static final int TAG = 2;
    static final RuleParam DOMAINS = new RuleParam("domains", "comma-separated domains to draw from",
            "example.com,example.org,example.net");

    /** {@code email}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("email",
            "realistic address on a reserved domain, unique per original", List.of(DOMAINS), EnumSet.of(ValueKind.TEXT),
            EmailRule::new);

    private final RuleContext ctx;
    private final String[] domains;
    private final int maxLength;
    private final String memoKind;
    private final Function<String, Drawn> unbounded = v -> draw(v, 0);

    EmailRule(RuleContext ctx, Map<String, String> params, RuleTarget target) {
        this.ctx = ctx;
        this.domains = RuleDescriptor.param(params, DOMAINS).split("\\s*,\\s*");
        this.maxLength = target.maxLength();
        this.memoKind = ("email|" + String.join(",", domains)).intern();
        if (maxLength > 0 && maxLength < 9 + 1 + shortestDomain()) {
            throw new RuleException("an e-mail address cannot fit in " + maxLength + " characters");
        }
    }

    private int shortestDomain() {
        int m = Integer.MAX_VALUE;
        for (String d : domains) {
            m = Math.min(m, d.length());
        }
        return m;
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        Drawn d = ctx.memo(memoKind, value, unbounded);
        return maxLength == 0 || d.longest <= maxLength ? d.email : draw(value, maxLength).email;
    }

    /**
     * An address drawn for an original, and the longest candidate tried on the way: a column whose
     * length fits every candidate would have tried the same ones, so it gets the same address.
     */
    private record Drawn(String email, int longest) {
    }

    private Drawn draw(String value, int maxLength) {
        String key = value.trim().toLowerCase(Locale.ROOT);
        FakeData fake = ctx.fake();
        List<String> firsts = fake.asciiFirstNames();
        List<String> lasts = fake.asciiLastNames();
        int longest = 0;
        for (int a = 0; ; a++) {
            long h = ctx.keys().prf(TAG, a, key);
            String first = firsts.get((int) Long.remainderUnsigned(h, firsts.size()));
            String last = lasts.get((int) Long.remainderUnsigned(h >>> 16, lasts.size()));
            String number = Long.toString(100_000_000L + Long.remainderUnsigned(h >>> 24, 100_000_000L)).substring(1);
            String domain = domains[(int) Long.remainderUnsigned(h >>> 56, domains.length)];
            String local = first + "." + last + number;
            longest = Math.max(longest, local.length() + 1 + domain.length());
            if (maxLength > 0 && local.length() + 1 + domain.length() > maxLength) {
                local = "u" + number;
            }
            String email = local + "@" + domain;
            if (a >= ctx.maxAttempts() || !ctx.source().leaks(email)) {
                return new Drawn(email, longest);
            }
        }
    }
}
