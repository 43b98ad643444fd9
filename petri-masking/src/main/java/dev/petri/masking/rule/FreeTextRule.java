package dev.petri.masking.rule;

import java.util.EnumSet;
import java.util.List;

/**
 * Replaces, in place, every sensitive value found in free text (e-mails, phones, cards, ids, IBANs,
 * IPs, and the words of the source's names in any case) by the same value its own column gets; the
 * rest of the text is kept.
 */
public final class FreeTextRule implements MaskingRule {

    /** {@code free_text}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("free_text",
            "detected values replaced in place, the rest kept", List.of(), EnumSet.of(ValueKind.TEXT),
            (ctx, params, target) -> new FreeTextRule(ctx, target.maxLength()));

    private final RuleContext ctx;
    private final int maxLength;

    FreeTextRule(RuleContext ctx, int maxLength) {
        this.ctx = ctx;
        this.maxLength = maxLength;
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        return RuleContext.fit(ctx.maskText(value), maxLength);
    }
}
