package dev.petri.masking.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds sensitive values inside free text by pattern and validator: e-mails, IBANs, SSNs, cards, IPs, phones. */
public final class TextScanner {

    /** A detected value: where it is in the text and what it is. */
    public record Span(int start, int end, SensitiveClass sensitiveClass) {
    }

    private static final Pattern CANDIDATES = Pattern.compile(
            "(?<email>[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24})"
                    + "|(?<iban>\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b)"
                    + "|(?<ssn>(?<![\\d-])\\d{3}-\\d{2}-\\d{4}(?![\\d-]))"
                    + "|(?<card>(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-]))"
                    + "|(?<ip>(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\d.]))"
                    + "|(?<phone>(?<![\\w+])\\+?(?:\\d{1,3}[\\s.-]?)?(?:\\(\\d{2,4}\\)[\\s.-]?|\\d{2,4}[\\s.-])\\d{2,4}[\\s.-]?\\d{3,4}"
                    + "(?:\\s?(?:x|ext\\.?)\\s?\\d{1,6})?(?!\\w))");

    private TextScanner() {
    }

    /** Every validated sensitive value in a text, left to right, not overlapping. */
    public static List<Span> scan(String text) {
        List<Span> spans = new ArrayList<>(2);
        if (text.length() < 7 || !hasDigitOrAt(text)) {
            return spans;
        }
        Matcher m = CANDIDATES.matcher(text);
        while (m.find()) {
            SensitiveClass cls = classify(m);
            if (cls != null) {
                spans.add(new Span(m.start(), m.end(), cls));
            }
        }
        return spans;
    }

    private static boolean hasDigitOrAt(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || c == '@') {
                return true;
            }
        }
        return false;
    }

    private static SensitiveClass classify(Matcher m) {
        String v = m.group();
        if (m.group("email") != null) {
            return SensitiveClass.EMAIL;
        }
        if (m.group("iban") != null) {
            return Validators.iban(v) ? SensitiveClass.IBAN : null;
        }
        if (m.group("ssn") != null) {
            return Validators.ssn(v) ? SensitiveClass.NATIONAL_ID : null;
        }
        if (m.group("card") != null) {
            if (Validators.paymentCard(v)) {
                return SensitiveClass.PAYMENT_CARD;
            }
            return Validators.phone(v) ? SensitiveClass.PHONE : null;
        }
        if (m.group("ip") != null) {
            return Validators.ip(v) ? SensitiveClass.IP_ADDRESS : null;
        }
        return Validators.phone(v) ? SensitiveClass.PHONE : null;
    }

    /** The class of a whole value by content alone (e-mail, card, SSN, IBAN, IP, phone), or null. */
    public static SensitiveClass classifyValue(String value) {
        String v = value.trim();
        if (v.length() < 7 || v.length() > 320) {
            return null;
        }
        if (v.indexOf('@') > 0 && Validators.email(v)) {
            return SensitiveClass.EMAIL;
        }
        if (Validators.paymentCard(v)) {
            return SensitiveClass.PAYMENT_CARD;
        }
        if (Validators.ssn(v)) {
            return SensitiveClass.NATIONAL_ID;
        }
        if (Character.isLetter(v.charAt(0)) && Validators.iban(v)) {
            return SensitiveClass.IBAN;
        }
        if (Validators.ip(v)) {
            return SensitiveClass.IP_ADDRESS;
        }
        if (Validators.phone(v)) {
            return SensitiveClass.PHONE;
        }
        return null;
    }
}
