package dev.petri.masking.catalog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The longest value a CHECK constraint lets a text column hold, where the constraint bounds its length:
 * {@code char_length(first_name) <= 8}, {@code length(email::text) < 31}, {@code length(code) BETWEEN 3 AND 10},
 * a domain's {@code length(VALUE) <= 10} (read on the column), SQL Server's {@code len([email])<=(30)}. A rule
 * given the column then draws values that fit, as it does for {@code varchar(n)}.
 */
public final class CheckedLength {

    private static final String FUNCTION = "(?:char_length|character_length|length|len|datalength)";
    /** What may follow a column name inside the call: a cast ({@code ::text}, {@code ::character varying}). */
    private static final String CAST = "(?:\\)?\\s*::\\s*[a-z ]+?)?";
    private static final Pattern OR = Pattern.compile("(?i)\\bor\\b");
    private static final String NUMBER = "\\(?\\s*(\\d{1,9})\\s*\\)?";

    private CheckedLength() {
    }

    /**
     * The bound a check expression puts on a column's length, or 0 when it puts none (or only under an
     * {@code OR}, which a value need not meet).
     */
    public static int of(String expression, String column) {
        if (expression == null || column == null || OR.matcher(expression).find()) {
            return 0;
        }
        String col = "\\(*\\s*(?:\"" + Pattern.quote(column.replace("\"", "\"\"")) + "\"|\\[" + Pattern.quote(column)
                + "\\]|" + Pattern.quote(column) + ")" + CAST + "\\s*\\)*";
        String call = FUNCTION + "\\s*\\(\\s*" + col;
        int bound = 0;
        Matcher m = Pattern.compile("(?i)" + call + "\\s*(<=|<)\\s*" + NUMBER).matcher(expression);
        while (m.find()) {
            bound = min(bound, Integer.parseInt(m.group(2)) - (m.group(1).equals("<") ? 1 : 0));
        }
        m = Pattern.compile("(?i)" + NUMBER + "\\s*(>=|>)\\s*" + call).matcher(expression);
        while (m.find()) {
            bound = min(bound, Integer.parseInt(m.group(1)) - (m.group(2).equals(">") ? 1 : 0));
        }
        m = Pattern.compile("(?i)" + call + "\\s*between\\s*" + NUMBER + "\\s*and\\s*" + NUMBER).matcher(expression);
        while (m.find()) {
            bound = min(bound, Integer.parseInt(m.group(2)));
        }
        return bound;
    }

    private static int min(int bound, int n) {
        int positive = Math.max(1, n);
        return bound == 0 ? positive : Math.min(bound, positive);
    }
}
