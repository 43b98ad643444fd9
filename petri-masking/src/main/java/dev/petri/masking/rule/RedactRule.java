package dev.petri.masking.rule;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Replaces every value by a fixed text (not for unique columns). */
public final class RedactRule implements MaskingRule {

    static final RuleParam REPLACEMENT = new RuleParam("replacement", "the text written instead", "REDACTED");

    /** {@code redact}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("redact", "replaces the value by a fixed text",
            List.of(REPLACEMENT), EnumSet.of(ValueKind.TEXT), RedactRule::new);

    private final String replacement;

    RedactRule(RuleContext ctx, Map<String, String> params, RuleTarget target) {
        if (target.unique()) {
            throw new RuleException("redact writes one value for all rows and cannot keep a UNIQUE column unique");
        }
        this.replacement = RuleContext.fit(RuleDescriptor.param(params, REPLACEMENT), target.maxLength());
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        return replacement;
    }
}
