package dev.petri.masking.rule;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces each word of a person's name by a realistic pseudonym (Datafaker pools): the same word
 * gives the same pseudonym everywhere, in columns, JSON and free text alike, never an original name.
 * In a column that must stay unique, a name whose pseudonyms another name of the column already got (two originals
 * whose words drew the same pseudonyms) gets a keyed number after it ({@code Marit Thoolen 4821}).
 */
public final class PersonNameRule implements MaskingRule {

    /** {@code person_name}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("person_name",
            "replaces each word of a name by a realistic pseudonym", List.of(), EnumSet.of(ValueKind.TEXT),
            (ctx, params, target) -> new PersonNameRule(ctx, target.maxLength(), target.unique()));

    private static final int TAG = 24;

    private final RuleContext ctx;
    private final int maxLength;
    /** In a unique column: each masked name given so far, with the original it was given to. */
    private final Map<String, String> given;

    PersonNameRule(RuleContext ctx, int maxLength, boolean unique) {
        this.ctx = ctx;
        this.maxLength = maxLength;
        this.given = unique ? new ConcurrentHashMap<>() : null;
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        String name = ctx.maskName(value);
        String masked = RuleContext.fit(name, maxLength);
        if (given == null) {
            return masked;
        }
        String original = given.putIfAbsent(masked, value);
        // too narrow a column for a number after the name: the duplicate is left to the constraint check, which names it
        for (int a = 1; original != null && !original.equals(value) && a < ctx.maxAttempts()
                && (maxLength == 0 || maxLength >= 6); a++) {
            String number = Long.toString(1_000 + Long.remainderUnsigned(ctx.keys().prf(TAG, a, value), 9_000));
            masked = (maxLength > 0 ? RuleContext.fit(name, maxLength - 5) : name) + " " + number;
            original = given.putIfAbsent(masked, value);
        }
        return masked;
    }
}
