package dev.petri.masking.catalog;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * PostgreSQL's text form of an array ({@code {a,"b c",NULL}}, nested for more dimensions, with an
 * optional {@code [1:2]=} bounds prefix): its elements read one by one, or each replaced in place, so
 * an array column is classified, collected, masked and scanned element by element, like a column of
 * its element type.
 */
public final class ArrayLiteral {

    private ArrayLiteral() {
    }

    /** Calls back with every non-NULL element, in order. */
    public static void forEach(String literal, Consumer<String> element) {
        map(literal, e -> {
            element.accept(e);
            return e;
        });
    }

    /**
     * The same array with every non-NULL element replaced by {@code fn}'s result (NULL when it
     * returns null); brackets, dimensions and NULLs are kept.
     *
     * @throws IllegalArgumentException when the text is not an array literal
     */
    public static String map(String literal, UnaryOperator<String> fn) {
        StringBuilder out = new StringBuilder(literal.length() + 16);
        int i = 0;
        int n = literal.length();
        if (n > 0 && literal.charAt(0) == '[') {
            int eq = literal.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not an array literal");
            }
            out.append(literal, 0, eq + 1);
            i = eq + 1;
        }
        int depth = 0;
        boolean expectElement = false;
        while (i < n) {
            char c = literal.charAt(i);
            if (c == '{') {
                depth++;
                out.append(c);
                i++;
                expectElement = true;
            } else if (c == '}') {
                depth--;
                out.append(c);
                i++;
                expectElement = false;
                if (depth < 0) {
                    throw new IllegalArgumentException("unbalanced braces in an array literal");
                }
            } else if (c == ',') {
                out.append(c);
                i++;
                expectElement = true;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (depth > 0 && expectElement) {
                StringBuilder value = new StringBuilder();
                boolean quoted = c == '"';
                if (quoted) {
                    i = unescape(literal, i + 1, "\"", value);
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated quoted element in an array literal");
                    }
                    i++;
                } else {
                    i = unescape(literal, i, ",}", value);
                    int end = value.length();
                    while (end > 0 && Character.isWhitespace(value.charAt(end - 1))) {
                        end--;
                    }
                    value.setLength(end);
                }
                if (!quoted && value.toString().equalsIgnoreCase("NULL")) {
                    out.append("NULL");
                } else {
                    append(out, fn.apply(value.toString()));
                }
                expectElement = false;
            } else {
                throw new IllegalArgumentException("not an array literal");
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced braces in an array literal");
        }
        return out.toString();
    }

    /** Appends the characters from {@code i} up to one of {@code stops}, backslash escapes undone; returns where it stopped. */
    private static int unescape(String literal, int i, String stops, StringBuilder value) {
        int n = literal.length();
        while (i < n && stops.indexOf(literal.charAt(i)) < 0) {
            char ch = literal.charAt(i);
            if (ch == '\\' && i + 1 < n) {
                i++;
                ch = literal.charAt(i);
            }
            value.append(ch);
            i++;
        }
        return i;
    }

    private static void append(StringBuilder out, String element) {
        if (element == null) {
            out.append("NULL");
            return;
        }
        boolean quote = element.isEmpty() || element.equalsIgnoreCase("NULL");
        for (int k = 0; k < element.length() && !quote; k++) {
            char ch = element.charAt(k);
            quote = ch == '{' || ch == '}' || ch == ',' || ch == '"' || ch == '\\' || Character.isWhitespace(ch);
        }
        if (!quote) {
            out.append(element);
            return;
        }
        out.append('"');
        for (int k = 0; k < element.length(); k++) {
            char ch = element.charAt(k);
            if (ch == '"' || ch == '\\') {
                out.append('\\');
            }
            out.append(ch);
        }
        out.append('"');
    }
}
