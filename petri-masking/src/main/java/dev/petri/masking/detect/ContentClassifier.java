package dev.petri.masking.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petri.masking.rule.FakeData;
import dev.petri.masking.rule.ValueKind;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Classifies a column by a sample of its values: whole values checked with patterns and validators
 * (Luhn, IBAN checksum, SSN rules, e-mail, phone, IP), JSON documents by key and by value, free
 * text by what it contains, names against a dictionary, dates by plausibility as birth dates.
 */
public final class ContentClassifier {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<SensitiveClass> PRECISE = Set.of(SensitiveClass.EMAIL, SensitiveClass.PAYMENT_CARD,
            SensitiveClass.NATIONAL_ID, SensitiveClass.IBAN, SensitiveClass.MAC_ADDRESS);

    /**
     * Credentials recognisable by their format: crypt-style password hashes (bcrypt, argon2, sha-crypt,
     * PBKDF2 as Django and passlib write them), JSON web tokens, PEM private keys, AWS access key ids,
     * Stripe and GitHub tokens.
     */
    private static final Pattern SECRET_FORMATS = Pattern.compile(
            "\\$(2[abxy]?|argon2(id|i|d)|[156]|pbkdf2(-sha\\d+)?)\\$\\S{20,}"
                    + "|(pbkdf2_sha\\d+|bcrypt(_sha256)?|argon2|scrypt)\\$\\S{20,}"
                    + "|eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*"
                    + "|-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*"
                    + "|AKIA[0-9A-Z]{16}|(sk|pk|rk)_(live|test)_[0-9A-Za-z]{16,}|gh[pousr]_[A-Za-z0-9]{36,}");

    private ContentClassifier() {
    }

    /** The class the sample shows, or null when it shows nothing sensitive. */
    public static Classification classify(ValueKind kind, List<String> sample, LocalDate today) {
        List<String> values = sample.stream().filter(v -> v != null && !v.isBlank()).toList();
        if (values.isEmpty()) {
            return null;
        }
        if (kind == ValueKind.DATE) {
            return birthDates(values, today);
        }
        if (kind == ValueKind.JSON || mostlyJson(values)) {
            return json(values);
        }
        if (kind == ValueKind.TEXT) {
            XmlSample xml = readXml(values);
            if (xml.mostly()) {
                return xml.classification();
            }
        }
        int n = values.size();
        Map<SensitiveClass, Integer> whole = new EnumMap<>(SensitiveClass.class);
        int withSpans = 0;
        long length = 0;
        int names = 0;
        int givenNames = 0;
        for (String v : values) {
            length += v.length();
            SensitiveClass c = TextScanner.classifyValue(v);
            if (c != null) {
                whole.merge(c, 1, Integer::sum);
            } else if (!TextScanner.scan(v).isEmpty()) {
                withSpans++;
            }
            if (looksLikeName(v)) {
                names++;
            } else if (looksLikeGivenName(v)) {
                givenNames++;
            }
        }
        int others = whole.values().stream().mapToInt(Integer::intValue).sum();
        if (others > 0 && names > others && names * 10 >= (n - others) * 6) {
            // names with e-mail addresses or phone numbers among them (a contact field, an array of people):
            // a name's rule masks each of those as what it is
            return new Classification(SensitiveClass.PERSON_NAME, "full", String.format(Locale.ROOT,
                    Classification.CONTENT + " %d of %d sampled values look like person names, %d are e-mail addresses,"
                            + " phone numbers or other values masked as what they are", names, n, others));
        }
        for (Map.Entry<SensitiveClass, Integer> e : whole.entrySet()) {
            int hits = e.getValue();
            boolean precise = PRECISE.contains(e.getKey());
            if ((precise && hits >= Math.min(2, n) && hits * 50 >= n) || hits * 2 >= n) {
                return new Classification(e.getKey(), null, String.format(Locale.ROOT,
                        Classification.CONTENT + " %d of %d sampled values are valid %s", hits, n, e.getKey().id()));
            }
        }
        int secrets = 0;
        for (String v : values) {
            if (SECRET_FORMATS.matcher(v.trim()).matches()) {
                secrets++;
            }
        }
        if (secrets * 10 >= n * 8) {
            return new Classification(SensitiveClass.SECRET, null, String.format(Locale.ROOT,
                    Classification.CONTENT + " %d of %d sampled values are password hashes, tokens or keys",
                    secrets, n));
        }
        if (names * 10 >= n * 6) {
            return new Classification(SensitiveClass.PERSON_NAME, "full", String.format(Locale.ROOT,
                    Classification.CONTENT + " %d of %d sampled values look like person names", names, n));
        }
        if (givenNames * 10 >= n * 6) {
            return new Classification(SensitiveClass.PERSON_NAME, "first", String.format(Locale.ROOT,
                    Classification.CONTENT + " %d of %d sampled values are given names", givenNames, n));
        }
        if (withSpans > 0 && withSpans * 50 >= n && length / n >= 12) {
            return new Classification(SensitiveClass.FREE_TEXT, null, String.format(Locale.ROOT,
                    Classification.CONTENT + " %d of %d sampled texts contain e-mails, phones, cards or ids",
                    withSpans, n));
        }
        return null;
    }

    private static boolean looksLikeName(String v) {
        String[] words = v.trim().split("\\s+");
        if (words.length < 2 || words.length > 4) {
            return false;
        }
        for (String w : words) {
            if (!nameWord(w)) {
                return false;
            }
        }
        return FakeData.get().isKnownGivenName(words[0].toLowerCase(Locale.ROOT));
    }

    /** One capitalised word that is a known given name: {@code Anna}, {@code José}. */
    private static boolean looksLikeGivenName(String v) {
        String w = v.trim();
        return w.length() >= 2 && w.length() <= 30 && nameWord(w) && FakeData.get().isKnownGivenName(w.toLowerCase(Locale.ROOT));
    }

    /** A capitalised word of letters, hyphens, apostrophes and dots: {@code O'Neil}, {@code Jean-Luc}, {@code J.}. */
    private static boolean nameWord(String w) {
        return !w.isEmpty() && Character.isUpperCase(w.charAt(0)) && w.chars().allMatch(c -> Character.isLetter(c)
                || c == '-' || c == '\'' || c == '.');
    }

    private static boolean mostlyJson(List<String> values) {
        int json = 0;
        for (String v : values) {
            String t = v.trim();
            if ((t.startsWith("{") && t.endsWith("}")) || (t.startsWith("[") && t.endsWith("]"))) {
                json++;
            }
        }
        return json * 10 >= values.size() * 9;
    }

    /** Whether nine in ten of the (non-blank) values are XML documents or fragments of elements. */
    public static boolean mostlyXml(List<String> values) {
        return readXml(values).mostly();
    }

    /**
     * What a sample read as XML holds: how many of its (non-blank) values are XML, and the sensitive element and
     * attribute names and texts found in them; each value is parsed once.
     */
    private record XmlSample(int values, int xml, Set<String> found) {

        boolean mostly() {
            return values > 0 && xml * 10 >= values * 9;
        }

        /** XML documents classified by their elements, attributes and text, as JSON by keys; null without findings. */
        Classification classification() {
            return found.isEmpty() ? null : new Classification(SensitiveClass.XML, null,
                    Classification.CONTENT + " XML documents with " + String.join(", ", found));
        }
    }

    private static XmlSample readXml(List<String> values) {
        Set<String> found = new TreeSet<>();
        int n = 0;
        int xml = 0;
        for (String v : values) {
            if (v == null || v.isBlank()) {
                continue;
            }
            n++;
            XmlDocuments.Parts parts = XmlDocuments.parts(v);
            if (parts == null) {
                continue;
            }
            Set<String> here = new TreeSet<>();
            try {
                XMLStreamReader r = XmlDocuments.reader(parts.content());
                try {
                    String element = null;
                    while (r.hasNext()) {
                        int e = r.next();
                        if (e == XMLStreamConstants.START_ELEMENT) {
                            element = r.getLocalName();
                            for (int i = 0; i < r.getAttributeCount(); i++) {
                                ColumnNameClassifier.NameMatch m = ColumnNameClassifier.classify(r.getAttributeLocalName(i));
                                if (m != null && m.sensitiveClass().sensitive() && !r.getAttributeValue(i).isBlank()) {
                                    here.add("attribute '" + r.getAttributeLocalName(i) + "' (" + m.sensitiveClass().id() + ")");
                                }
                                textFindings(r.getAttributeValue(i), here);
                            }
                        } else if (e == XMLStreamConstants.CHARACTERS && !r.isWhiteSpace() && element != null) {
                            ColumnNameClassifier.NameMatch m = ColumnNameClassifier.classify(element);
                            if (m != null && m.sensitiveClass().sensitive()) {
                                here.add("element '" + element + "' (" + m.sensitiveClass().id() + ")");
                            }
                            textFindings(r.getText().strip(), here);
                        } else if (e == XMLStreamConstants.END_ELEMENT) {
                            element = null;
                        }
                    }
                } finally {
                    r.close();
                }
            } catch (XMLStreamException e) {
                continue; // no well-formed XML: not counted, and what it held is read by the other checks
            }
            xml++;
            found.addAll(here);
        }
        return new XmlSample(n, xml, found);
    }

    private static void textFindings(String text, Set<String> found) {
        SensitiveClass c = TextScanner.classifyValue(text);
        if (c != null) {
            found.add(c.id() + " values");
        } else if (!TextScanner.scan(text).isEmpty()) {
            found.add("text with personal data");
        }
    }

    private static Classification json(List<String> values) {
        Set<String> found = new TreeSet<>();
        for (String v : values) {
            try {
                walk(MAPPER.readTree(v), found);
            } catch (IOException e) {
                return null;
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        return new Classification(SensitiveClass.JSON, null,
                Classification.CONTENT + " JSON documents with " + String.join(", ", found));
    }

    private static void walk(JsonNode node, Set<String> found) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ColumnNameClassifier.NameMatch m = ColumnNameClassifier.classify(e.getKey());
                if (m != null && m.sensitiveClass().sensitive() && !e.getValue().isContainerNode()) {
                    found.add("key '" + e.getKey() + "' (" + m.sensitiveClass().id() + ")");
                }
                walk(e.getValue(), found);
            }
        } else if (node.isArray()) {
            node.forEach(child -> walk(child, found));
        } else if (node.isTextual()) {
            SensitiveClass c = TextScanner.classifyValue(node.asText());
            if (c != null) {
                found.add(c.id() + " values");
            } else if (!TextScanner.scan(node.asText()).isEmpty()) {
                found.add("text with personal data");
            }
        }
    }

    private static Classification birthDates(List<String> values, LocalDate today) {
        LocalDate min = null;
        LocalDate max = null;
        for (String v : values) {
            LocalDate d;
            try {
                d = LocalDate.parse(v.length() >= 10 ? v.substring(0, 10) : v);
            } catch (DateTimeParseException e) {
                return null;
            }
            if (!Validators.plausibleBirthDate(d, today)) {
                return null;
            }
            min = min == null || d.isBefore(min) ? d : min;
            max = max == null || d.isAfter(max) ? d : max;
        }
        if (values.size() >= 10 && min.plusYears(20).isBefore(max) && max.isBefore(today.minusYears(10))) {
            return new Classification(SensitiveClass.DATE_OF_BIRTH, null, String.format(Locale.ROOT,
                    Classification.CONTENT + " %d sampled dates spread over %d years, all plausible birth dates",
                    values.size(), max.getYear() - min.getYear()));
        }
        return null;
    }
}
