package dev.petri.masking.detect;

import java.util.Locale;
import java.util.Set;

/**
 * Values that stand for no value: blank text and what people type into a field they cannot or will not fill
 * ({@code N/A}, {@code none}, {@code unknown}, {@code -}). They hold nothing about anyone, so masking keeps them as they
 * are (an empty e-mail stays empty rather than becoming an address) and they are never taken for an original value.
 */
public final class Placeholders {

    /** Not {@code na}, {@code nan} or {@code nil}: they are names too (Na, Nan, Nil). */
    private static final Set<String> WORDS = Set.of("n/a", "n.a.", "n/d", "none", "null", "unknown",
            "not available", "not provided", "not applicable", "-", "--", "---", "?", "??", "tbd", "tba", "x", "xx",
            "xxx", "empty", "missing", "undefined", "keine", "inconnu", "ninguno", "desconocido", "k.a.");

    private Placeholders() {
    }

    /** Whether a value is blank or a placeholder; digits or an {@code @} always make it a value. */
    public static boolean is(String value) {
        int n = value.length();
        if (n > 16) {
            return value.isBlank();
        }
        boolean blank = true;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9' || c == '@') {
                return false;
            }
            blank &= Character.isWhitespace(c);
        }
        return blank || WORDS.contains(value.trim().toLowerCase(Locale.ROOT));
    }
}
