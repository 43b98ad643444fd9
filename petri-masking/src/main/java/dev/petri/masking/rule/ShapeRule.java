package dev.petri.masking.rule;

import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Replaces every digit and letter by a keyed one of the same kind, keeping separators and length: for codes of
 * unknown format and credentials (a password hash keeps its scheme and parameters).
 */
public final class ShapeRule implements MaskingRule {

    /** {@code shape}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("shape",
            "same length and shape, digits (FF1) and letters replaced", List.of(),
            EnumSet.of(ValueKind.TEXT, ValueKind.NUMBER), (ctx, params, target) -> new ShapeRule(ctx));

    private final RuleContext ctx;

    ShapeRule(RuleContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        int keep = schemePrefix(value);
        return keep == 0 ? ctx.scrambleShape(11, value) : value.substring(0, keep) + ctx.scrambleShape(11, value.substring(keep));
    }

    private static final Pattern SCHEMES = Pattern.compile(
            "(pbkdf2|bcrypt|argon2|scrypt|sha\\d*|md5|crypt)[a-z0-9_]*");

    /**
     * The length of a password hash's scheme and parameters, which stay as they are: {@code $2a$10$} of bcrypt,
     * {@code $argon2id$v=19$m=65536,t=3,p=4$}, {@code $6$rounds=5000$}, {@code pbkdf2_sha256$600000$}. Salt and
     * hash are scrambled, so no password matches, but the value still reads as a hash of its scheme (an
     * application that parses it before comparing does not fail on it). 0 for anything else.
     */
    static int schemePrefix(String value) {
        boolean dollar = value.startsWith("$");
        int i = dollar ? 1 : 0;
        int end = 0;
        for (int segments = 0; ; segments++) {
            int next = value.indexOf('$', i);
            if (next < 0 || next - i > 24) {
                break;
            }
            String segment = value.substring(i, next);
            if (segment.isEmpty() || !segment.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '=' || c == ',' || c == '_' || c == '-')
                    || segments == 0 && !dollar && !SCHEMES.matcher(segment).matches()) {
                break;
            }
            end = next + 1;
            i = next + 1;
        }
        // everything but the last part (the hash itself) at most
        return end >= value.length() ? 0 : end;
    }
}
