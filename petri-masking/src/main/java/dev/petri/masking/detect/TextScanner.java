package dev.petri.masking.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds sensitive values inside free text: e-mails around each {@code @}, IBANs after two capitals
 * and two digits, hardware (MAC) addresses, and runs of digits with separators validated as IPs, SSNs,
 * cards (Luhn) or phones. A hand-written single pass: no regular expression runs over the whole text.
 */
public final class TextScanner {

    /** A detected value: where it is in the text and what it is. */
    public record Span(int start, int end, SensitiveClass sensitiveClass) {
    }

    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
            + "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern DATE_LIKE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}");

    private TextScanner() {
    }

    /** Every validated sensitive value in a text, left to right, not overlapping. */
    public static List<Span> scan(String text) {
        List<Span> spans = new ArrayList<>(2);
        int n = text.length();
        if (n < 7) {
            return spans;
        }
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int mac = Validators.hex(c) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1))) ? macEnd(text, i) : i;
            if (mac > i) {
                spans.add(new Span(i, mac, SensitiveClass.MAC_ADDRESS));
                i = mac;
                continue;
            }
            if (c == '@') {
                i = email(text, i, spans);
            } else if (isDigit(c) || ((c == '+' || c == '(') && i + 1 < n && isDigit(text.charAt(i + 1)))) {
                if (i > 0 && (Character.isLetter(text.charAt(i - 1)) || isDigit(text.charAt(i - 1)))) {
                    i = skipWord(text, i);
                } else {
                    i = digits(text, i, spans);
                }
            } else if (c >= 'A' && c <= 'Z' && i + 3 < n && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))
                    && text.charAt(i + 1) >= 'A' && text.charAt(i + 1) <= 'Z' && isDigit(text.charAt(i + 2))
                    && isDigit(text.charAt(i + 3))) {
                i = iban(text, i, spans);
            } else {
                i++;
            }
        }
        return spans;
    }

    /**
     * The end of the hardware address that starts at {@code start} (an EUI-64 before an EUI-48 of the same form), or
     * {@code start} when none does: it must neither start nor end inside a longer run of groups. Where the word
     * starts is the caller's to know.
     */
    private static int macEnd(String text, int start) {
        int n = text.length();
        if (start + 13 >= n || text.charAt(start + 2) != ':' && text.charAt(start + 2) != '-' && text.charAt(start + 4) != '.'
                || start >= 2 && ":-.".indexOf(text.charAt(start - 1)) >= 0 && Validators.hex(text.charAt(start - 2))) {
            return start;
        }
        for (int len : MAC_LENGTHS) {
            int end = start + len;
            if (end <= n && Validators.macAddress(text.substring(start, end))) {
                char sep = text.charAt(start + (len == 17 || len == 23 ? 2 : 4));
                boolean more = end < n && (Character.isLetterOrDigit(text.charAt(end))
                        || text.charAt(end) == sep && end + 1 < n && Validators.hex(text.charAt(end + 1)));
                if (!more) {
                    return end;
                }
            }
        }
        return start;
    }

    private static final int[] MAC_LENGTHS = {23, 17, 19, 14};

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int skipWord(String text, int i) {
        while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean localChar(char c) {
        return Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
    }

    private static int email(String text, int at, List<Span> spans) {
        int start = at;
        while (start > 0 && localChar(text.charAt(start - 1))) {
            start--;
        }
        while (start < at && (text.charAt(start) == '.' || text.charAt(start) == '\'')) {
            start++;
        }
        int end = at + 1;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) && text.charAt(end) < 128
                || text.charAt(end) == '.' || text.charAt(end) == '-')) {
            end++;
        }
        while (end > at + 1 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
            end--;
        }
        if (start < at && Validators.email(text.substring(start, end))) {
            if (!spans.isEmpty() && spans.get(spans.size() - 1).end() > start) {
                spans.remove(spans.size() - 1);
            }
            spans.add(new Span(start, end, SensitiveClass.EMAIL));
            return end;
        }
        return at + 1;
    }

    private static int digits(String text, int start, List<Span> spans) {
        int n = text.length();
        int i = start;
        int count = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (isDigit(c)) {
                count++;
                i++;
            } else if (c == ' ' && macEnd(text, i + 1) > i + 1) {
                break;
            } else if ((c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+' || c == '/')
                    && nextIsDigit(text, i + 1) && count < 20) {
                i++;
            } else if (c == 'x' && count >= 7 && i + 1 < n && (isDigit(text.charAt(i + 1)) || text.charAt(i + 1) == ' ')) {
                i++;
            } else {
                break;
            }
        }
        int end = i;
        if (end < n && Character.isLetter(text.charAt(end))) {
            // a Spanish DNI: eight digits and a check letter ending the word
            if (end - start == 8 && (end + 1 == n || !Character.isLetterOrDigit(text.charAt(end + 1)))
                    && Validators.nationalId(text.substring(start, end + 1))) {
                spans.add(new Span(start, end + 1, SensitiveClass.NATIONAL_ID));
                return end + 1;
            }
            return skipWord(text, end);
        }
        while (end > start && !isDigit(text.charAt(end - 1))) {
            end--;
        }
        if (end - start < 7) {
            return Math.max(i, start + 1);
        }
        String s = text.substring(start, end);
        SensitiveClass cls = numeric(s);
        if (cls != null) {
            spans.add(new Span(start, end, cls));
        }
        return Math.max(i, start + 1);
    }

    private static boolean nextIsDigit(String text, int i) {
        for (int k = i; k < text.length() && k < i + 2; k++) {
            char c = text.charAt(k);
            if (isDigit(c)) {
                return true;
            }
            if (c != '(' && c != ' ') {
                return false;
            }
        }
        return false;
    }

    /** The class of a run of digits and separators, or null. */
    static SensitiveClass numeric(String s) {
        if (mayBeIpv4(s) && IPV4.matcher(s).matches()) {
            return SensitiveClass.IP_ADDRESS;
        }
        if (Validators.ssn(s) || Validators.nationalId(s)) {
            return SensitiveClass.NATIONAL_ID;
        }
        if (Validators.paymentCard(s)) {
            return SensitiveClass.PAYMENT_CARD;
        }
        if (!(mayBeDate(s) && DATE_LIKE.matcher(s).matches()) && Validators.phone(s)) {
            return SensitiveClass.PHONE;
        }
        return null;
    }

    /** Cheap necessary condition for {@link #IPV4}: only digits and exactly three dots. */
    private static boolean mayBeIpv4(String s) {
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!isDigit(c)) {
                return false;
            }
        }
        return dots == 3;
    }

    /** Cheap necessary condition for {@link #DATE_LIKE}: four digits and a dash, or a separator in place 2 or 3 of a short run. */
    private static boolean mayBeDate(String s) {
        int n = s.length();
        if (n >= 10 && isDigit(s.charAt(0)) && isDigit(s.charAt(1)) && isDigit(s.charAt(2)) && isDigit(s.charAt(3))
                && s.charAt(4) == '-') {
            return true;
        }
        return n <= 10 && n >= 5 && (isDateSeparator(s.charAt(1)) || isDateSeparator(s.charAt(2)));
    }

    private static boolean isDateSeparator(char c) {
        return c == '.' || c == '/' || c == '-';
    }

    private static int iban(String text, int start, List<Span> spans) {
        int n = text.length();
        int i = start;
        int alnum = 0;
        while (i < n && alnum < 34) {
            char c = text.charAt(i);
            if (isDigit(c) || (c >= 'A' && c <= 'Z')) {
                alnum++;
                i++;
            } else if (c == ' ' && i + 1 < n && Character.isLetterOrDigit(text.charAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        for (int end = i; end > start + 14; end--) {
            if (Character.isLetterOrDigit(text.charAt(end - 1)) && (end == n || !Character.isLetterOrDigit(text.charAt(end))
                    || end < i) && Validators.iban(text.substring(start, end))) {
                spans.add(new Span(start, end, SensitiveClass.IBAN));
                return end;
            }
        }
        return start + 1;
    }

    /**
     * The class of a value kept where names are (a name column, a name in JSON or an array) that is by its content
     * something else: an e-mail address or a phone number typed into the name field. Null for a name, which has
     * neither an {@code @} nor a digit.
     */
    public static SensitiveClass otherThanName(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '@' || isDigit(c)) {
                return classifyValue(value);
            }
        }
        return null;
    }

    /** The class of a whole value by content alone (e-mail, card, national ids, MAC, IP, IBAN, phone), or null. */
    public static SensitiveClass classifyValue(String value) {
        String v = value.trim();
        if (v.length() < 7 || v.length() > 320) {
            return null;
        }
        if (v.indexOf('@') > 0 && Validators.email(v)) {
            return SensitiveClass.EMAIL;
        }
        if (Validators.nationalId(v)) {
            return SensitiveClass.NATIONAL_ID;
        }
        if (Validators.macAddress(v)) {
            return SensitiveClass.MAC_ADDRESS;
        }
        if (v.indexOf(':') >= 0 && Validators.ip(v)) {
            return SensitiveClass.IP_ADDRESS;
        }
        if (Character.isLetter(v.charAt(0))) {
            return Validators.iban(v) ? SensitiveClass.IBAN : null;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!isDigit(c) && " -.()+/x".indexOf(c) < 0) {
                return null;
            }
        }
        return numeric(v);
    }
}
