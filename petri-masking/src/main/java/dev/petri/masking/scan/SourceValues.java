package dev.petri.masking.scan;

import dev.petri.masking.detect.Placeholders;
import dev.petri.masking.detect.SensitiveClass;
import dev.petri.masking.detect.TextScanner;
import dev.petri.masking.detect.Validators;
import dev.petri.masking.rule.SipHash;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The source's sensitive values, kept only as keyed hashes under a key that lives for one run (never
 * stored): whole values by class and the words of person names. The leak scan checks staged values
 * against them; masking rules use them to never produce an original value.
 */
public final class SourceValues {

    /** Shortest name word that is collected, replaced in text and scanned for. */
    public static final int MIN_NAME_TOKEN = 2;

    private final SipHash hash;
    private static final SensitiveClass[] CLASSES = SensitiveClass.values();

    private final LongClassMap values = new LongClassMap();
    private final LongClassMap nameTokens = new LongClassMap();
    private final boolean[] held = new boolean[CLASSES.length];

    /** An empty set under a fresh random key. */
    public SourceValues() {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        this.hash = new SipHash(key);
    }

    /** Normal form of a value of a class, or null when the class is not compared by value. */
    public static String normalize(SensitiveClass cls, String value) {
        String v = value.trim();
        switch (cls) {
            case PHONE, PAYMENT_CARD -> {
                String d = Validators.digits(v);
                return d.length() >= 7 ? "d:" + d : null;
            }
            case NATIONAL_ID -> {
                StringBuilder sb = new StringBuilder(v.length());
                for (int i = 0; i < v.length(); i++) {
                    char c = v.charAt(i);
                    if (c < 128 && Character.isLetterOrDigit(c)) {
                        sb.append(Character.toUpperCase(c));
                    }
                }
                String d = sb.toString();
                return d.length() >= 6 ? "n:" + d : null;
            }
            case IBAN -> {
                return "n:" + v.replace(" ", "").toUpperCase(Locale.ROOT);
            }
            case MAC_ADDRESS -> {
                String hex = Validators.macDigits(v);
                return hex == null ? null : "m:" + hex;
            }
            case EMAIL, IP_ADDRESS, ADDRESS, PERSON_NAME, USERNAME -> {
                return v.length() >= MIN_NAME_TOKEN ? "v:" + v.toLowerCase(Locale.ROOT) : null;
            }
            case SECRET -> {
                return v.length() >= MIN_SECRET ? "s:" + v : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** Shortest credential compared by value: shorter ones (a PIN, a flag) would match too much by chance. */
    public static final int MIN_SECRET = 8;

    private static final long NONE = Long.MIN_VALUE;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[256]);

    /**
     * The keyed hash of {@link #normalize}'s result, or {@link #NONE} when it is null; for ASCII
     * values the normal form is built in a per-thread buffer instead of a string (same bytes, same hash).
     */
    long normalizedHash(SensitiveClass cls, String value) {
        int end = value.length();
        int start = 0;
        while (start < end && value.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && value.charAt(end - 1) <= ' ') {
            end--;
        }
        byte[] b = SCRATCH.get();
        if (end - start + 2 > b.length) {
            return stringHash(cls, value);
        }
        int n = 2;
        switch (cls) {
            case PHONE, PAYMENT_CARD -> {
                for (int i = start; i < end; i++) {
                    char c = value.charAt(i);
                    if (c >= '0' && c <= '9') {
                        b[n++] = (byte) c;
                    }
                }
                if (n - 2 < 7) {
                    return NONE;
                }
                b[0] = 'd';
            }
            case NATIONAL_ID -> {
                for (int i = start; i < end; i++) {
                    char c = value.charAt(i);
                    if (c < 128 && Character.isLetterOrDigit(c)) {
                        b[n++] = (byte) Character.toUpperCase(c);
                    }
                }
                if (n - 2 < 6) {
                    return NONE;
                }
                b[0] = 'n';
            }
            case EMAIL, IP_ADDRESS, ADDRESS, PERSON_NAME, USERNAME, SECRET -> {
                boolean secret = cls == SensitiveClass.SECRET;
                if (end - start < (secret ? MIN_SECRET : MIN_NAME_TOKEN)) {
                    return NONE;
                }
                for (int i = start; i < end; i++) {
                    char c = value.charAt(i);
                    if (c >= 128) {
                        return stringHash(cls, value);
                    }
                    b[n++] = (byte) (!secret && c >= 'A' && c <= 'Z' ? c + 32 : c);
                }
                b[0] = (byte) (secret ? 's' : 'v');
            }
            default -> {
                return stringHash(cls, value);
            }
        }
        b[1] = ':';
        long h = hash.hash(b, n);
        return h == NONE ? NONE + 1 : h;
    }

    /** The keyed hash of {@link #normalize}'s result built as a string, or {@link #NONE}. */
    long stringHash(SensitiveClass cls, String value) {
        String n = normalize(cls, value);
        if (n == null) {
            return NONE;
        }
        long h = hash.hash(n);
        return h == NONE ? NONE + 1 : h;
    }

    /** Shortest user name compared by value: shorter ones ({@code bob}, {@code ops}) would match too much by chance. */
    public static final int MIN_USERNAME = 5;

    /** Accounts most systems have: their names are also roles and labels elsewhere, not a person. */
    private static final Set<String> COMMON_ACCOUNTS = Set.of("admin", "administrator", "root", "system", "guest",
            "support", "tester", "service", "operator", "manager", "anonymous", "nobody", "postgres", "noreply",
            "no-reply", "info", "sales", "billing", "default", "unknown", "public", "staff", "owner", "master");

    /**
     * Adds an original value of a sensitive class (and, for names, its words); a value of a name column that is by
     * its content another class (an e-mail address typed as a name) is added as that class.
     */
    public void add(SensitiveClass cls, String value) {
        if (value == null || Placeholders.is(value)) {
            return;
        }
        if (cls == SensitiveClass.USERNAME) {
            String name = value.trim();
            if (name.length() < MIN_USERNAME || COMMON_ACCOUNTS.contains(name.toLowerCase(Locale.ROOT))) {
                return;
            }
        }
        SensitiveClass other = cls == SensitiveClass.PERSON_NAME ? TextScanner.otherThanName(value) : null;
        if (other != null) {
            // an e-mail address in a name column: its words (the domain's among them) are no name
            add(other, value);
            return;
        }
        long h = normalizedHash(cls, value);
        if (h != NONE) {
            values.putIfAbsent(h, (byte) cls.ordinal());
            held[cls.ordinal()] = true;
        }
        if (cls == SensitiveClass.PERSON_NAME) {
            addNameWords(value);
        }
    }

    /**
     * Adds the words of a name; its particles and honorifics ({@code Dr}, {@code Mrs}, {@code Jr}) only when one is the
     * whole name (a surname Le or Von).
     */
    public void addNameWords(String value) {
        forEachWord(value, w -> {
            if (!particleOrTitle(w) || w.equalsIgnoreCase(value.trim())) {
                nameTokens.putIfAbsent(hash.hash(w), (byte) 1);
            }
        });
    }

    /** Whether a lower-case word is a particle or a title of names (never longer than five letters). */
    private static boolean particleOrTitle(String lowerWord) {
        return lowerWord.length() <= 5 && (PARTICLES.contains(lowerWord) || HONORIFICS.contains(lowerWord));
    }

    /**
     * The particles of names ({@code de}, {@code la}, {@code van}, {@code von}, {@code da}, {@code der} …): words of
     * many people's names and of every text in their languages, naming no one alone. A customer called María de la Cruz
     * does not make every {@code de} and {@code la} of a Spanish text a word of a name (her name column is masked
     * word by word as ever, particles too). A particle that is a whole name ({@code Le}, a Vietnamese surname, in a
     * last-name column) is a word of a name.
     */
    private static final Set<String> PARTICLES = Set.of("de", "del", "della", "degli", "dei", "di", "da", "das", "do", "dos",
            "du", "des", "la", "le", "les", "lo", "los", "las", "el", "van", "von", "vom", "der", "den", "ter", "ten", "het",
            "zu", "zum", "zur", "af", "av", "st");

    /**
     * Titles and suffixes written with names ({@code Dr}, {@code Mrs}, {@code Prof}, {@code Jr}, {@code III},
     * {@code Herr}, {@code Mme}): they say nothing of who someone is, and every text has them.
     */
    private static final Set<String> HONORIFICS = Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "jr", "sr",
            "ii", "iii", "iv", "phd", "md", "esq", "herr", "frau", "mme", "mlle", "sra", "srta");

    /** Whether a word of a name, in any case, is a title or suffix ({@code Dr}, {@code MRS}, {@code jr}). */
    public static boolean honorific(String word) {
        return word.length() <= 5 && HONORIFICS.contains(word.toLowerCase(Locale.ROOT));
    }

    /** The class of an original value equal to this one (compared in normal form), or null. */
    public SensitiveClass match(SensitiveClass cls, String value) {
        long h = normalizedHash(cls, value);
        if (h == NONE) {
            return null;
        }
        int c = values.get(h);
        return c < 0 ? null : CLASSES[c];
    }

    /** Whether a lower-case word is a word of an original name. */
    public boolean isNameWord(String lowerWord) {
        return lowerWord.length() >= MIN_NAME_TOKEN && nameTokens.get(hash.hash(lowerWord)) >= 0;
    }

    /** Whether the slice {@code [start, end)} of a text is, in any case, a word of an original name. */
    public boolean isNameWord(String text, int start, int end) {
        return end - start >= MIN_NAME_TOKEN && nameTokens.get(hash.hashLower(text, start, end)) >= 0;
    }

    /** Whether any word of a text is a word of an original name. */
    public boolean containsNameWord(String text) {
        return nameWords(text, text.length(), true) > 0;
    }

    /** Whether any word of the first {@code end} characters of a text is a word of an original name. */
    public boolean containsNameWord(String text, int end) {
        return nameWords(text, end, true) > 0;
    }

    /**
     * Whether a text holds a person's name of several words: two words of original names in a row, particles and
     * titles between them allowed ({@code Antonio Moreno Taquería}, {@code María de la Cruz}), not a single one
     * ({@code Johnson Controls}).
     */
    public boolean namesSomeone(String text) {
        int n = text.length();
        int i = 0;
        int run = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!Character.isLetter(c)) {
                if (c != ' ' && c != '.' && c != '\'' && c != '-') {
                    run = 0;
                }
                i++;
                continue;
            }
            int start = i;
            while (i < n && Character.isLetter(text.charAt(i))) {
                i++;
            }
            if (isNameWord(text, start, i)) {
                if (++run >= 2) {
                    return true;
                }
            } else if (i - start > 5 || !particleOrTitle(text.substring(start, i).toLowerCase(Locale.ROOT))) {
                run = 0;
            }
        }
        return false;
    }

    /** Whether a text has words and every one of them is a word of an original name ({@code "Will King"}). */
    public boolean onlyNameWords(String text) {
        return nameWords(text, text.length(), false) > 0;
    }

    /**
     * Walks the runs of letters of a text's first {@code n} characters: with {@code any}, 1 at the first word of a name
     * (else 0); without,
     * the number of words when all are words of names, 0 at the first that is not (or when there are none).
     */
    private int nameWords(String text, int n, boolean any) {
        int i = 0;
        int words = 0;
        while (i < n) {
            while (i < n && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && Character.isLetter(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                break;
            }
            boolean name = isNameWord(text, start, i);
            if (any && name) {
                return 1;
            }
            if (!any && !name) {
                return 0;
            }
            words++;
        }
        return any ? 0 : words;
    }

    /** Whether a generated value equals an original one or contains a word of an original name. */
    public boolean leaks(String candidate) {
        if (candidate == null) {
            return false;
        }
        long h = normalizedHash(SensitiveClass.EMAIL, candidate);
        if (h != NONE && values.get(h) >= 0) {
            return true;
        }
        return containsNameWord(candidate);
    }

    /** Whether any original value of a class is held (a check for a class never collected can be skipped). */
    public boolean holds(SensitiveClass cls) {
        return held[cls.ordinal()];
    }

    /** Number of distinct original values held. */
    public int size() {
        return values.size();
    }

    /** Number of distinct name words held. */
    public int nameWords() {
        return nameTokens.size();
    }

    /** Calls back with each lower-case run of letters of at least {@link #MIN_NAME_TOKEN} letters. */
    public static void forEachWord(String text, Consumer<String> consumer) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && Character.isLetter(text.charAt(i))) {
                i++;
            }
            if (i - start >= MIN_NAME_TOKEN) {
                consumer.accept(text.substring(start, i).toLowerCase(Locale.ROOT));
            }
        }
    }
}
