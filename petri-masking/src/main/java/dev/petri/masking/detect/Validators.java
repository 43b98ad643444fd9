package dev.petri.masking.detect;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checksums and format validators that tell real identifiers from look-alikes. */
public final class Validators {

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24}");
    private static final Pattern SSN = Pattern.compile("\\d{3}-\\d{2}-\\d{4}");
    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}\\d{2}[A-Z0-9]{11,30}");
    private static final Pattern IPV4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern PHONE = Pattern.compile(
            "\\+?\\(?\\d{1,4}\\)?(?:[\\s.-]?\\(?\\d{1,4}\\)?){1,5}(?:\\s?(?:x|ext\\.?)\\s?\\d{1,6})?");
    private static final ThreadLocal<Matcher> PHONE_MATCHER = ThreadLocal.withInitial(() -> PHONE.matcher(""));
    private static final Pattern EXTENSION = Pattern.compile("(?i)\\s?(x|ext\\.?)\\s?\\d+$");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern POSTCODE = Pattern.compile(
            "\\d{5}(?:-\\d{4})?|[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}|\\d{4} ?[A-Z]{2}|[A-Z]\\d[A-Z] ?\\d[A-Z]\\d|\\d{2}-\\d{3}");

    private Validators() {
    }

    /** Digits only. */
    public static String digits(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= '0' && ch <= '9') {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** Whether a digit string passes the Luhn check. */
    public static boolean luhn(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** The Luhn check digit completing a payload. */
    public static char luhnCheckDigit(String payload) {
        for (char c = '0'; c <= '9'; c++) {
            if (luhn(payload + c)) {
                return c;
            }
        }
        throw new IllegalArgumentException("not digits");
    }

    /** A payment card number: 13 to 19 digits, optionally grouped by spaces or dashes, Luhn-valid, known brand prefix. */
    public static boolean paymentCard(String s) {
        String t = s.trim();
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (!(ch >= '0' && ch <= '9') && ch != ' ' && ch != '-') {
                return false;
            }
        }
        String d = digits(t);
        if (d.length() < 13 || d.length() > 19 || !luhn(d)) {
            return false;
        }
        char first = d.charAt(0);
        return first >= '2' && first <= '6' && !allSame(d);
    }

    private static boolean allSame(String d) {
        for (int i = 1; i < d.length(); i++) {
            if (d.charAt(i) != d.charAt(0)) {
                return false;
            }
        }
        return true;
    }

    /** An e-mail address. */
    public static boolean email(String s) {
        String t = s.trim();
        int at = t.indexOf('@');
        if (at < 1 || at > 64) {
            return false;
        }
        for (int i = 0; i < at; i++) {
            char c = t.charAt(i);
            if (!(asciiLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '\'' || c == '-')) {
                return false;
            }
        }
        // the domain: at least two dot-separated labels of letters, digits and dashes; the last one 2 to 24 letters
        int labels = 0;
        int labelStart = at + 1;
        for (int i = at + 1; i <= t.length(); i++) {
            char c = i == t.length() ? '.' : t.charAt(i);
            if (c == '.') {
                if (i == labelStart) {
                    return false;
                }
                labels++;
                if (i == t.length()) {
                    int len = i - labelStart;
                    if (labels < 2 || len < 2 || len > 24) {
                        return false;
                    }
                    for (int k = labelStart; k < i; k++) {
                        char l = t.charAt(k);
                        if (!(l >= 'a' && l <= 'z' || l >= 'A' && l <= 'Z')) {
                            return false;
                        }
                    }
                }
                labelStart = i + 1;
            } else if (!(asciiLetterOrDigit(c) || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** The regular expression {@link #email} implements by hand (kept to test that they agree). */
    static boolean emailByPattern(String s) {
        return EMAIL.matcher(s.trim()).matches();
    }

    private static boolean asciiLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /** A US social security number in its usual shape, with valid area, group and serial. */
    public static boolean ssn(String s) {
        String t = s.trim();
        if (t.length() != 11 || !SSN.matcher(t).matches()) {
            return false;
        }
        int area = Integer.parseInt(t.substring(0, 3));
        return area != 0 && area != 666 && area < 900 && !t.startsWith("00", 4) && !t.endsWith("0000");
    }

    private static final Pattern DNI = Pattern.compile("([XYZ]|\\d)(\\d{7})-?([A-Z])");
    private static final Pattern NIR = Pattern.compile("([12]) ?(\\d{2}) ?(\\d{2}) ?(\\d{2}|2[AB]) ?(\\d{3}) ?(\\d{3}) ?(\\d{2})");
    private static final Pattern CODICE_FISCALE = Pattern.compile("[A-Z]{6}\\d{2}[A-EHLMPR-T]\\d{2}[A-Z]\\d{3}[A-Z]");
    private static final Pattern CPF = Pattern.compile("\\d{3}\\.\\d{3}\\.\\d{3}-\\d{2}");

    /**
     * A national identifier of a European or American country in its written form, with its check digit or letter:
     * Spain's DNI and NIE ({@code 12345678Z}, {@code X1234567L}), France's NIR ({@code 1 84 05 75 123 456 78}), Italy's
     * codice fiscale and Brazil's CPF ({@code 123.456.789-09}). A US SSN is {@link #ssn}. Forms that order and invoice
     * numbers share, where a tenth or more pass the check by chance — Sweden's personnummer ({@code YYMMDD-NNNN}, like
     * the reference {@code 231105-0042}), a Dutch BSN, a German tax id — are left to column names.
     */
    public static boolean nationalId(String s) {
        if (!mayBeNationalId(s)) {
            return false;
        }
        String t = s.trim();
        int n = t.length();
        char first = t.charAt(0);
        char last = t.charAt(n - 1);
        Matcher m;
        // each form is tried only when the value has its length and its fixed characters: no pattern runs on a phone number
        if ((n == 9 || n == 10) && Character.isLetter(last)) {
            t = t.toUpperCase(Locale.ROOT);
            if ((m = DNI.matcher(t)).matches()) {
                char lead = m.group(1).charAt(0);
                String number = ("XYZ".indexOf(lead) >= 0 ? String.valueOf("XYZ".indexOf(lead)) : m.group(1)) + m.group(2);
                return "TRWAGMYFPDXBNJZSQVHLCKE".charAt(Integer.parseInt(number) % 23) == m.group(3).charAt(0);
            }
            return false;
        }
        if (n == 16 && Character.isLetter(first)) {
            t = t.toUpperCase(Locale.ROOT);
            return CODICE_FISCALE.matcher(t).matches() && codiceFiscaleCheck(t.substring(0, 15)) == t.charAt(15);
        }
        if (n == 14 && t.charAt(3) == '.' && CPF.matcher(t).matches()) {
            String d = digits(t);
            return !allSame(d) && cpfDigit(d, 9) == d.charAt(9) - '0' && cpfDigit(d, 10) == d.charAt(10) - '0';
        }
        if (n >= 15 && (first == '1' || first == '2') && (m = NIR.matcher(t.toUpperCase(Locale.ROOT))).matches()) {
            int month = Integer.parseInt(m.group(3));
            String dept = m.group(4).replace("2A", "19").replace("2B", "18");
            long number = Long.parseLong(m.group(1) + m.group(2) + m.group(3) + dept + m.group(5) + m.group(6));
            return (month >= 1 && month <= 12 || month >= 20) && 97 - number % 97 == Integer.parseInt(m.group(7));
        }
        return false;
    }

    /** Cheap necessary condition for {@link #nationalId}: 9 to 21 characters (spaces around included), 7 or more of them digits. */
    private static boolean mayBeNationalId(String s) {
        int n = s.length();
        if (n < 9 || n > 21) {
            return false;
        }
        int digits = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '@' || c == ',') {
                return false;
            }
        }
        return digits >= 7;
    }

    private static final int[] CF_ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22,
        25, 24, 23};

    /** The check letter of a codice fiscale's first 15 characters. */
    static char codiceFiscaleCheck(String first15) {
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = first15.charAt(i);
            int v = c >= '0' && c <= '9' ? c - '0' : c - 'A';
            sum += i % 2 == 0 ? CF_ODD[v] : v;
        }
        return (char) ('A' + sum % 26);
    }

    /** A CPF check digit over the first {@code n} digits (weights n+1 … 2, mod 11). */
    private static int cpfDigit(String d, int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (d.charAt(i) - '0') * (n + 1 - i);
        }
        int r = sum * 10 % 11;
        return r == 10 ? 0 : r;
    }

    /** An IBAN with a valid mod-97 checksum. */
    public static boolean iban(String s) {
        String t = s.replace(" ", "").toUpperCase(Locale.ROOT);
        if (!IBAN.matcher(t).matches()) {
            return false;
        }
        return ibanRemainder(t.substring(4) + t.substring(0, 4)) == 1;
    }

    /** The mod-97 remainder of an IBAN-style string with letters as 10..35. */
    public static int ibanRemainder(String rearranged) {
        StringBuilder n = new StringBuilder();
        for (int i = 0; i < rearranged.length(); i++) {
            char ch = rearranged.charAt(i);
            if (Character.isDigit(ch)) {
                n.append(ch);
            } else {
                n.append(Character.getNumericValue(ch));
            }
        }
        return new BigInteger(n.toString()).mod(BigInteger.valueOf(97)).intValue();
    }

    /** An IPv4 or IPv6 address. */
    public static boolean ip(String s) {
        String t = s.trim();
        return IPV4.matcher(t).matches() || t.indexOf(':') >= 0 && ipv6(t);
    }

    /**
     * An IPv6 address as RFC 4291 writes one: eight groups of one to four hexadecimal digits, a run of zero groups
     * written once as {@code ::}, optionally an IPv4 address for the last two groups and a zone ({@code %eth0}).
     * A time of day ({@code 10:30:15}) has too few groups.
     */
    static boolean ipv6(String s) {
        int zone = s.indexOf('%');
        String t = zone > 0 ? s.substring(0, zone) : s;
        int gap = t.indexOf("::");
        if (gap >= 0 && t.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        int groups = 0;
        String[] sides = gap >= 0 ? new String[] {t.substring(0, gap), t.substring(gap + 2)} : new String[] {t};
        for (int side = 0; side < sides.length; side++) {
            if (sides[side].isEmpty()) {
                continue;
            }
            String[] parts = sides[side].split(":", -1);
            for (int p = 0; p < parts.length; p++) {
                String g = parts[p];
                boolean last = side == sides.length - 1 && p == parts.length - 1;
                if (last && g.indexOf('.') > 0) {
                    if (!IPV4.matcher(g).matches()) {
                        return false;
                    }
                    groups += 2;
                    continue;
                }
                if (g.isEmpty() || g.length() > 4) {
                    return false;
                }
                for (int i = 0; i < g.length(); i++) {
                    if (!hex(g.charAt(i))) {
                        return false;
                    }
                }
                groups++;
            }
        }
        return gap >= 0 ? groups <= 7 : groups == 8;
    }

    /**
     * A hardware address (MAC, EUI-48, or EUI-64) as devices and network tools write one: six or eight pairs of
     * hexadecimal digits separated by colons or by dashes ({@code 00:1a:2b:3c:4d:5e}, {@code 00-1A-2B-3C-4D-5E}), or
     * three or four groups of four separated by dots ({@code 001a.2b3c.4d5e}). Bare runs of hexadecimal digits are
     * not taken for one: they are as often hashes and codes.
     */
    public static boolean macAddress(String s) {
        String t = s.trim();
        int n = t.length();
        int group;
        char sep;
        if (n == 17 || n == 23) {
            group = 2;
            sep = t.charAt(2);
            if (sep != ':' && sep != '-') {
                return false;
            }
        } else if (n == 14 || n == 19) {
            group = 4;
            sep = '.';
        } else {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if ((i + 1) % (group + 1) == 0 ? c != sep : !hex(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The 12 or 16 hexadecimal digits of a hardware address in lower case: of any form {@link #macAddress} takes and
     * of a bare run of 12 or 16 hexadecimal digits; null for anything else.
     */
    public static String macDigits(String s) {
        String t = s.trim();
        int n = t.length();
        if (n != 12 && n != 16 && !macAddress(t)) {
            return null;
        }
        StringBuilder sb = new StringBuilder(16);
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (hex(c)) {
                sb.append(Character.toLowerCase(c));
            } else if (n == 12 || n == 16) {
                return null;
            }
        }
        return sb.toString();
    }

    /** An ASCII hexadecimal digit. */
    public static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** A phone number: 7 to 15 digits with the usual separators, not a date, card or SSN. */
    public static boolean phone(String s) {
        String t = s.trim();
        if (t.length() > 30 || !PHONE_MATCHER.get().reset(t).matches()) {
            return false;
        }
        boolean extension = t.indexOf('x') >= 0 || t.indexOf('X') >= 0;
        String d = digits(extension ? EXTENSION.matcher(t).replaceFirst("") : t);
        if (d.length() < 7 || d.length() > 15 || (t.length() == 11 && SSN.matcher(t).matches())) {
            return false;
        }
        boolean separated = t.length() != d.length() || t.startsWith("+");
        return separated && !(t.length() == 10 && ISO_DATE.matcher(t).matches());
    }

    /** A postcode in a common national format (US, UK, NL, CA, PL). */
    public static boolean postcode(String s) {
        return POSTCODE.matcher(s.trim().toUpperCase(Locale.ROOT)).matches();
    }

    /** A plausible date of birth: between 110 years ago and today. */
    public static boolean plausibleBirthDate(LocalDate d, LocalDate today) {
        return d != null && !d.isAfter(today) && d.isAfter(today.minusYears(110));
    }
}
