package dev.petri.masking.rule;

import dev.petri.masking.detect.SensitiveClass;
import dev.petri.masking.detect.StreetAddresses;
import dev.petri.masking.detect.TextScanner;
import dev.petri.masking.scan.SourceValues;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What every rule shares in one run: the keys, the fake-data pools, the source's sensitive values
 * (so no rule ever emits an original), and the masking of values found inside text and documents,
 * which is the same as the masking of the columns they come from.
 */
public final class RuleContext {

    private static final int NAME_TAG = 1;
    private static final int MAX_ATTEMPTS = 40;

    private final MaskingKeys keys;
    private final FakeData fake;
    private final SourceValues source;
    private final Map<String, String> nameWords = new ConcurrentHashMap<>();
    private final Map<SensitiveClass, MaskingRule> embedded = new ConcurrentHashMap<>();

    /** A context for one run. */
    public RuleContext(MaskingKeys keys, FakeData fake, SourceValues source) {
        this.keys = keys;
        this.fake = fake;
        this.source = source;
    }

    /** The keys. */
    public MaskingKeys keys() {
        return keys;
    }

    /** The fake-data pools. */
    public FakeData fake() {
        return fake;
    }

    /** The source's sensitive values. */
    public SourceValues source() {
        return source;
    }

    private static final int MEMO_SLOTS = 1 << 13;
    private final ThreadLocal<Object[]> memo = ThreadLocal.withInitial(() -> new Object[MEMO_SLOTS * 3]);

    /**
     * A deterministic computation's result for a value, remembered per thread in a small
     * direct-mapped table (8,192 slots, a newer value evicts an older one): a row's e-mail and phone
     * come back in its free text and JSON, and a remembered result is exactly the computed one.
     *
     * @param kind    names the computation (the rule and every parameter its result depends on)
     * @param value   the input
     * @param compute the computation, called on a miss
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(String kind, String value, Function<String, T> compute) {
        Object[] m = memo.get();
        int i = ((value.hashCode() * 31 + kind.hashCode()) & (MEMO_SLOTS - 1)) * 3;
        Object k = m[i];
        if (k != null && (k == kind || kind.equals(k)) && value.equals(m[i + 1])) {
            return (T) m[i + 2];
        }
        T result = compute.apply(value);
        m[i] = kind;
        m[i + 1] = value;
        m[i + 2] = result;
        return result;
    }

    /** Attempts a rule may make before giving up on avoiding original values. */
    public int maxAttempts() {
        return MAX_ATTEMPTS;
    }

    /**
     * The pseudonym of one word of a name, whatever its case: a given name becomes a given name, any
     * other word a family name, never a word of an original name; the case pattern is kept.
     */
    public String maskNameWord(String word) {
        return memo("name_word", word, maskNameWord);
    }

    private final Function<String, String> maskNameWord = this::maskNameWordNow;

    private String maskNameWordNow(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        String masked = nameWords.computeIfAbsent(lower, this::pseudonym);
        return applyCase(word, masked);
    }

    private String pseudonym(String lower) {
        List<String> pool = fake.isFirstName(lower) ? fake.firstNames() : fake.lastNames();
        for (int a = 0; a < MAX_ATTEMPTS; a++) {
            String cand = pool.get(keys.choose(NAME_TAG, a, lower, pool.size()));
            if (!cand.equalsIgnoreCase(lower) && !source.leaks(cand)) {
                return cand;
            }
        }
        for (int a = 0; ; a++) {
            String cand = syllables(keys.prf(NAME_TAG, MAX_ATTEMPTS + a, lower));
            if (!source.leaks(cand)) {
                return cand;
            }
        }
    }

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ren", "ta", "vo", "sel", "an", "dor", "li", "mar",
        "ne", "so", "ber", "ga", "the", "ul", "ri", "va", "ko", "den", "sa", "to", "mel"};

    private static String syllables(long h) {
        StringBuilder sb = new StringBuilder();
        int n = 2 + (int) Long.remainderUnsigned(h, 2);
        for (int i = 0; i < n; i++) {
            sb.append(SYLLABLES[(int) Long.remainderUnsigned(h >>> (8 + 8 * i), SYLLABLES.length)]);
        }
        return Character.toUpperCase(sb.charAt(0)) + sb.substring(1);
    }

    /** The replacement written with the case pattern of the original: UPPER, lower or as drawn. */
    static String applyCase(String original, String replacement) {
        boolean upper = true;
        boolean lower = true;
        for (int i = 0; i < original.length(); i++) {
            char c = original.charAt(i);
            if (Character.isLetter(c)) {
                upper &= Character.isUpperCase(c);
                lower &= Character.isLowerCase(c);
            }
        }
        if (upper && original.length() > 1) {
            return replacement.toUpperCase(Locale.ROOT);
        }
        if (lower) {
            return replacement.toLowerCase(Locale.ROOT);
        }
        return replacement;
    }

    /**
     * Every word of a name replaced by its pseudonym; separators and single letters (initials, the
     * O of O'Brien) kept, exactly as in free text, and so are titles and suffixes beside a name ({@code Dr},
     * {@code Mrs}, {@code Jr}) unless one is somebody's whole name elsewhere (a first name Miss). A value that is by its content something else (an e-mail address typed into a name
     * field) is masked as that.
     */
    public String maskName(String name) {
        SensitiveClass other = TextScanner.otherThanName(name);
        if (other != null) {
            return maskEmbedded(other, name);
        }
        StringBuilder sb = new StringBuilder(name.length() + 8);
        int n = name.length();
        int i = 0;
        while (i < n) {
            char c = name.charAt(i);
            if (!Character.isLetter(c)) {
                sb.append(c);
                i++;
                continue;
            }
            int start = i;
            while (i < n && Character.isLetter(name.charAt(i))) {
                i++;
            }
            String word = name.substring(start, i);
            if (word.length() < SourceValues.MIN_NAME_TOKEN || SourceValues.honorific(word)
                    && !word.equals(name.trim()) && !source.isNameWord(word, 0, word.length())) {
                sb.append(word);
            } else {
                sb.append(maskNameWord(word));
            }
        }
        return sb.toString();
    }

    /**
     * Free text with every detected value replaced in place, as its column would be masked: e-mails,
     * phones, cards, ids, IBANs, IPs by pattern, and words of the source's names in any case.
     */
    public String maskText(String text) {
        List<TextScanner.Span> spans = withStreets(text, TextScanner.scan(text));
        StringBuilder sb = null;
        int pos = 0;
        for (TextScanner.Span s : spans) {
            String part = text.substring(s.start(), s.end());
            String masked = maskEmbedded(s.sensitiveClass(), part);
            if (sb == null) {
                sb = new StringBuilder(text.length() + 16);
            }
            appendNames(sb, text, pos, s.start());
            sb.append(masked);
            pos = s.end();
        }
        if (sb == null) {
            sb = new StringBuilder(text.length());
        }
        appendNames(sb, text, pos, text.length());
        return sb.toString();
    }

    /** The scanner's values and the street addresses written in the text, in order; a street wins where they overlap. */
    private static List<TextScanner.Span> withStreets(String text, List<TextScanner.Span> spans) {
        List<int[]> streets = StreetAddresses.find(text);
        if (streets.isEmpty()) {
            return spans;
        }
        List<TextScanner.Span> all = new ArrayList<>(spans.size() + streets.size());
        for (TextScanner.Span s : spans) {
            if (streets.stream().noneMatch(t -> t[0] < s.end() && s.start() < t[1])) {
                all.add(s);
            }
        }
        streets.forEach(t -> all.add(new TextScanner.Span(t[0], t[1], SensitiveClass.ADDRESS)));
        all.sort(Comparator.comparingInt(TextScanner.Span::start));
        return all;
    }

    private void appendNames(StringBuilder sb, String text, int from, int to) {
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (!Character.isLetter(c)) {
                sb.append(c);
                i++;
                continue;
            }
            int start = i;
            while (i < to && Character.isLetter(text.charAt(i))) {
                i++;
            }
            if (source.isNameWord(text, start, i)) {
                sb.append(maskNameWord(text.substring(start, i)));
            } else {
                sb.append(text, start, i);
            }
        }
    }

    /** A value of a class found inside text or a document, masked as its own column would be. */
    public String maskEmbedded(SensitiveClass cls, String value) {
        MaskingRule rule = embedded.computeIfAbsent(cls, c -> {
            RuleDescriptor d = Rules.byName(c.defaultRule());
            return d.factory().create(this, Map.of(), RuleTarget.free(null));
        });
        String masked = rule.mask(value);
        return masked == null ? "" : masked;
    }

    /** Letters folded to plain ASCII lower case: {@code "Müller"} → {@code "muller"}. */
    public static String ascii(String s) {
        return ASCII.computeIfAbsent(s, k -> {
            String n = Normalizer.normalize(k, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            return n.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        });
    }

    private static final Map<String, String> ASCII = new ConcurrentHashMap<>();

    /**
     * A value with every digit and letter replaced by a keyed choice of the same kind, other
     * characters kept: the shape of a code without its content. No run of letters is a word of an
     * original name.
     */
    public String scrambleShape(int tag, String value) {
        // random letters can spell a word of an original name ("Al", "Kim"): drawn again, as every rule avoids originals
        String out = scrambleShapeOnce(tag, value);
        for (int a = 1; a < MAX_ATTEMPTS && source.containsNameWord(out); a++) {
            out = scrambleShapeOnce(tag + a * 1_000, value);
        }
        return out;
    }

    private String scrambleShapeOnce(int tag, String value) {
        String digits = dev.petri.masking.detect.Validators.digits(value);
        String encDigits = keys.digits(digits, "shape" + tag);
        int letters = hex(value) ? 6 : 26;
        StringBuilder sb = new StringBuilder(value.length());
        int di = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(encDigits.charAt(di++));
            } else if (c >= 'A' && c <= 'Z') {
                sb.append((char) ('A' + keys.choose(tag, i, value, letters)));
            } else if (c >= 'a' && c <= 'z') {
                sb.append((char) ('a' + keys.choose(tag, i, value, letters)));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * A hexadecimal value of 16 or more digits (an MD5 or SHA hash, a token, a UUID), letters in one case and
     * optionally dashes: its letters are drawn from {@code a-f} so that it stays hexadecimal.
     */
    static boolean hex(String value) {
        int hexDigits = 0;
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 'a' && c <= 'f') {
                lower = true;
            } else if (c >= 'A' && c <= 'F') {
                upper = true;
            } else if (c != '-' && (c < '0' || c > '9')) {
                return false;
            }
            hexDigits += c == '-' ? 0 : 1;
        }
        return hexDigits >= 16 && !(lower && upper);
    }

    /** Digits of a value replaced, in place, by the given digits; other characters kept. */
    public static String replaceDigits(String value, String digits) {
        StringBuilder sb = new StringBuilder(value.length());
        int di = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9' && di < digits.length()) {
                sb.append(digits.charAt(di++));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A value cut to a column's length (0 means unbounded). */
    public static String fit(String value, int maxLength) {
        return maxLength > 0 && value.length() > maxLength ? value.substring(0, maxLength).trim() : value;
    }
}
