package dev.petri.masking.rule;

import dev.petri.masking.detect.Validators;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Replaces a street address or a city by a realistic one (Datafaker pools); a leading house number keeps its digit count. */
public final class AddressRule implements MaskingRule {

    private static final int TAG = 6;
    static final RuleParam PART = new RuleParam("part", "street or city", "street");

    /** {@code address}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("address",
            "realistic street address or city", List.of(PART), EnumSet.of(ValueKind.TEXT), AddressRule::new);

    private final RuleContext ctx;
    private final boolean city;
    private final int maxLength;

    AddressRule(RuleContext ctx, Map<String, String> params, RuleTarget target) {
        this.ctx = ctx;
        String part = params != null && params.containsKey(PART.name()) ? params.get(PART.name())
                : target.part() != null ? target.part() : PART.defaultValue();
        this.city = "city".equals(part);
        this.maxLength = target.maxLength();
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        FakeData fake = ctx.fake();
        String key = value.trim().toLowerCase(Locale.ROOT);
        for (int a = 0; ; a++) {
            String out;
            if (city) {
                out = fake.cities().get(ctx.keys().choose(TAG, a, key, fake.cities().size()));
            } else {
                String street = fake.streets().get(ctx.keys().choose(TAG, a, key, fake.streets().size()));
                int n = 0;
                while (n < value.length() && Character.isDigit(value.charAt(n))) {
                    n++;
                }
                String number = n == 0 ? "" : ctx.keys().digits(Validators.digits(value.substring(0, n)), "house");
                out = number.isEmpty() ? street : number.replaceFirst("^0", "1") + " " + street;
            }
            out = RuleContext.fit(out, maxLength);
            if (a >= ctx.maxAttempts() || !ctx.source().leaks(out)) {
                return out;
            }
        }
    }
}
