package dev.petri.masking.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Street addresses written inside free text ({@code "leave it at 4 Elm Street"}, {@code "Obere Str. 57"},
 * {@code "12 rue de la Paix"}, {@code "Calle Mayor 5"}) that no address column of the database holds: found when
 * free text is masked, so a delivery note keeps its shape without the customer's street. Not used by the leak
 * scan, where a street in a book's blurb would fail a build.
 *
 * <p>Anchored on house numbers, like {@link TextScanner}: only the few words around a number are looked at,
 * so text without one costs a single pass over its characters.
 */
public final class StreetAddresses {

    /** English street types, after the number and the street's name: {@code 4 Elm Street}. */
    private static final Set<String> ENGLISH = Set.of("Street", "St", "Avenue", "Ave", "Road", "Rd", "Lane", "Ln", "Drive",
            "Dr", "Boulevard", "Blvd", "Way", "Court", "Ct", "Place", "Pl", "Terrace", "Close", "Crescent", "Square", "Sq",
            "Parkway", "Pkwy", "Highway", "Hwy", "Row", "Mews", "Gardens", "Grove");
    /** French street types, right after the number: {@code 12 rue de la Paix}. */
    private static final Set<String> FRENCH = Set.of("rue", "avenue", "boulevard", "bd", "place", "chemin", "impasse",
            "allée", "quai", "route");
    /** Spanish, Catalan, Italian and Portuguese street types, before the name and the number: {@code Calle Mayor 5}. */
    private static final Set<String> BEFORE = Set.of("calle", "avenida", "avda", "plaza", "paseo", "carrer", "via",
            "viale", "piazza", "rua", "travessa");
    /** German street types, glued to the name or after it, before the number: {@code Hauptstraße 5}, {@code Obere Str. 57}. */
    private static final String[] GERMAN = {"straße", "strasse", "str.", "weg", "allee", "platz", "gasse", "ring", "damm",
        "ufer"};
    private static final Set<String> PARTICLES = Set.of("de", "la", "l'", "del", "los", "las", "du", "des", "d'", "da",
            "do", "dos", "della", "di");

    private StreetAddresses() {
    }

    /** A word of the text: where it starts and ends. */
    private record Word(int start, int end, String text) {
        boolean capitalized() {
            return Character.isUpperCase(text.charAt(0));
        }

        String bare() {
            return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        }
    }

    /** Where street addresses are in a text: {start, end} pairs, left to right, not overlapping. */
    public static List<int[]> find(String text) {
        List<int[]> found = new ArrayList<>(1);
        int n = text.length();
        int last = 0;
        for (int i = 0; i < n; i++) {
            if (!TextScanner.isDigit(text.charAt(i)) || i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
                continue;
            }
            int s = i;
            while (i < n && TextScanner.isDigit(text.charAt(i))) {
                i++;
            }
            if (i - s > 5) {
                continue;
            }
            int e = i < n && Character.isLetter(text.charAt(i)) && (i + 1 >= n || !Character.isLetter(text.charAt(i + 1)))
                    ? i + 1 : i; // 221B, 5a
            if (e < n && Character.isLetterOrDigit(text.charAt(e))) {
                continue;
            }
            int[] span = after(text, s, e);
            if (span == null) {
                span = before(text, s, e, last);
            }
            if (span != null && span[0] >= last) {
                found.add(span);
                last = span[1];
                i = Math.max(i, span[1]);
            }
        }
        return found;
    }

    /** A number followed by a street: English {@code 4 Elm Street}, French {@code 12 rue de la Paix}. */
    private static int[] after(String text, int s, int e) {
        if (e + 1 >= text.length() || text.charAt(e) != ' ' || !Character.isLetter(text.charAt(e + 1))) {
            return null; // most numbers (phones, amounts, dates) end here
        }
        List<Word> words = wordsAfter(text, e, 6); // at least one: a letter follows the space
        if (FRENCH.contains(words.get(0).text().toLowerCase(Locale.ROOT))) {
            int end = name(words, 1);
            return end < 0 ? null : new int[] {s, end};
        }
        for (int k = 0; k < words.size() && k <= 4; k++) {
            Word w = words.get(k);
            if (!w.capitalized()) {
                return null;
            }
            if (k > 0 && ENGLISH.contains(w.bare())) {
                // "Ave." keeps the full stop of its abbreviation, "Street." leaves the sentence's
                return new int[] {s, w.bare().length() <= 4 ? w.end() : w.start() + w.bare().length()};
            }
        }
        return null;
    }

    /** A street followed by its number: German {@code Obere Str. 57}, Spanish {@code Calle Mayor 5}. */
    private static int[] before(String text, int s, int e, int notBefore) {
        int p = s - 1;
        while (p > notBefore && (text.charAt(p) == ' ' || text.charAt(p) == ',')) {
            p--;
        }
        if (p == s - 1 || p < notBefore || !wordChar(text.charAt(p))) {
            return null;
        }
        int word = p;
        while (word > notBefore && wordChar(text.charAt(word - 1))) {
            word--;
        }
        if (!Character.isUpperCase(text.charAt(word))) {
            return null; // every street type here is written after a capitalized name: "order 12" is none
        }
        List<Word> words = wordsBefore(text, s, 6, notBefore);
        if (words.isEmpty()) {
            return null;
        }
        Word prev = words.get(words.size() - 1);
        String lower = prev.text().toLowerCase(Locale.ROOT);
        for (String suffix : GERMAN) {
            if (lower.endsWith(suffix) && prev.capitalized()) {
                if (lower.length() > suffix.length()) {
                    return new int[] {prev.start(), e}; // "Hauptstraße 5"
                }
                // "Obere Str. 57": the street type alone is a word of its own, its name before it
                Word name = words.size() > 1 ? words.get(words.size() - 2) : null;
                return name != null && name.capitalized() ? new int[] {name.start(), e} : null;
            }
        }
        for (int k = words.size() - 1; k >= 0; k--) {
            Word w = words.get(k);
            String bare = w.bare().toLowerCase(Locale.ROOT);
            if (BEFORE.contains(bare) || bare.equals("c/")) {
                return k < words.size() - 1 && words.get(words.size() - 1).capitalized() ? new int[] {w.start(), e} : null;
            }
            if (!w.capitalized() && !PARTICLES.contains(bare) && !bare.matches("n[º°o]")) {
                return null;
            }
        }
        return null;
    }

    /** The end of a street's name: optional particles, then one to four capitalized words; -1 when there is none. */
    private static int name(List<Word> words, int from) {
        int k = from;
        while (k < words.size() && PARTICLES.contains(words.get(k).text().toLowerCase(Locale.ROOT))) {
            k++;
        }
        int end = -1;
        for (int taken = 0; k < words.size() && taken < 4 && (words.get(k).capitalized() || elided(words.get(k).text()));
             k++, taken++) {
            end = words.get(k).start() + words.get(k).bare().length(); // a full stop ends the sentence, not the name
        }
        return end;
    }

    /** {@code l'Église}, {@code d'Orsay}: a particle glued to a name. */
    private static boolean elided(String word) {
        return word.length() > 2 && (word.charAt(1) == '\'' || word.charAt(1) == '’') && Character.isUpperCase(word.charAt(2));
    }

    /** Up to {@code max} words after a position, each after a space. */
    private static List<Word> wordsAfter(String text, int from, int max) {
        List<Word> words = new ArrayList<>(max);
        int i = from;
        int n = text.length();
        while (words.size() < max) {
            int gap = i;
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            if (i == gap || i >= n) {
                break;
            }
            int start = i;
            while (i < n && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '\'' || text.charAt(i) == '’'
                    || text.charAt(i) == '-')) {
                i++;
            }
            if (i == start) {
                break;
            }
            if (i < n && text.charAt(i) == '.') {
                i++;
            }
            words.add(new Word(start, i, text.substring(start, i)));
        }
        return words;
    }

    /** Up to {@code max} words before a position, not reaching back past {@code notBefore}. */
    private static List<Word> wordsBefore(String text, int to, int max, int notBefore) {
        List<Word> words = new ArrayList<>(max);
        int i = to;
        while (words.size() < max && i > notBefore) {
            int end = i;
            while (i > notBefore && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == ',')) {
                i--;
            }
            if (i == end && !words.isEmpty()) {
                break;
            }
            end = i;
            while (i > notBefore && wordChar(text.charAt(i - 1))) {
                i--;
            }
            if (i == end) {
                break;
            }
            words.add(0, new Word(i, end, text.substring(i, end)));
        }
        return words;
    }

    /** A character of a street's word read backwards: letters, and the marks of {@code Str.}, {@code C/}, {@code nº}. */
    private static boolean wordChar(char c) {
        return Character.isLetter(c) || "'’-./º°".indexOf(c) >= 0;
    }
}
