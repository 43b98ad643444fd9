package dev.petri.masking.rule;

import dev.petri.masking.detect.Validators;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves a date of birth by a keyed, non-zero number of days within a bounded window, so ages stay
 * distributed as before; the time part of a timestamp is kept. Dates written as text in common forms
 * ({@code 03/12/1985}, {@code 12.03.1985}, {@code April 2, 1840}) are moved alike and keep their form; the digits of
 * any other text are replaced, so no original date survives. A number is a date as a data warehouse keeps one
 * ({@code 19850312}) or a year ({@code 1985}), and stays a number of that form.
 */
public final class DateOfBirthRule implements MaskingRule {

    private static final int TAG = 9;
    static final RuleParam WINDOW = new RuleParam("window_days", "largest shift, in days, either way", "180");

    /** {@code date_of_birth}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("date_of_birth",
            "shifts the date within ±window_days (never by zero)", List.of(WINDOW),
            EnumSet.of(ValueKind.DATE, ValueKind.TEXT, ValueKind.NUMBER), DateOfBirthRule::new);

    private final RuleContext ctx;
    private final int window;

    DateOfBirthRule(RuleContext ctx, Map<String, String> params, RuleTarget target) {
        this.ctx = ctx;
        try {
            this.window = Integer.parseInt(RuleDescriptor.param(params, WINDOW));
        } catch (NumberFormatException e) {
            throw new RuleException("window_days must be a whole number of days");
        }
        if (window < 1 || window > 3660) {
            throw new RuleException("window_days must be between 1 and 3660");
        }
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        if (value.length() >= 10 && value.charAt(4) == '-' && value.charAt(7) == '-') {
            try {
                return shift(LocalDate.parse(value.substring(0, 10))) + value.substring(10);
            } catch (DateTimeParseException e) {
                // not an ISO date after all: read as text below
            }
        }
        String text = maskText(value);
        if (text != null) {
            return text;
        }
        // a date in a form not read here: its digits are replaced, so the original date is gone
        return Validators.digits(value).isEmpty() ? value : ctx.scrambleShape(TAG, value);
    }

    private LocalDate shift(LocalDate d) {
        int shift = ctx.keys().choose(TAG, 0, d.toString(), 2 * window) - window;
        return d.plusDays(shift >= 0 ? shift + 1 : shift);
    }

    /**
     * Whether a number reads as a date of birth: a valid {@code yyyymmdd} or a year, between 1850 and today's year.
     */
    public static boolean numericDate(String value, int thisYear) {
        String v = value.trim();
        if (v.length() != 8 && v.length() != 4 || Validators.digits(v).length() != v.length()) {
            return false;
        }
        int year = Integer.parseInt(v.substring(0, 4));
        if (year < 1850 || year > thisYear) {
            return false;
        }
        try {
            if (v.length() == 8) {
                LocalDate.of(year, Integer.parseInt(v.substring(4, 6)), Integer.parseInt(v.substring(6, 8)));
            }
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** {@code 03/12/1985}, {@code 12.03.1985}, {@code 1985/03/12}, {@code 19850312}. */
    private static final Pattern NUMERIC = Pattern.compile(
            "\\s*(?:(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4})|(\\d{4})([./])(\\d{1,2})\\6(\\d{1,2})|(\\d{4})(\\d{2})(\\d{2}))\\s*");

    /** {@code April 2, 1840}, {@code Apr 2 1840}, {@code March 12}. */
    private static final Pattern MONTH_DAY = Pattern.compile("\\s*([A-Za-z]{3,9})\\.? (\\d{1,2})(?:(?:st|nd|rd|th))?(,? (\\d{4}))?\\s*");

    /** {@code 2 April 1840}, {@code 12 Mar}. */
    private static final Pattern DAY_MONTH = Pattern.compile("\\s*(\\d{1,2})(?:(?:st|nd|rd|th))?\\.? ([A-Za-z]{3,9})\\.?(,? (\\d{4}))?\\s*");

    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december"};

    /**
     * A date of birth written as text in a common form, moved like a date and written back in the same form (same
     * order, separators, zero padding and month spelling); null for text in no form read here. {@code 03/12/1985}
     * reads as day first when the first number is above 12 or the separator is not a slash, else month first; either
     * way the result is a valid date of the same form.
     */
    private String maskText(String value) {
        Matcher m = NUMERIC.matcher(value);
        if (m.matches()) {
            try {
                if (m.group(1) != null) {
                    int a = Integer.parseInt(m.group(1));
                    int b = Integer.parseInt(m.group(3));
                    boolean dayFirst = a > 12 || !m.group(2).equals("/") && b <= 12;
                    LocalDate d = shift(LocalDate.of(Integer.parseInt(m.group(4)), dayFirst ? b : a, dayFirst ? a : b));
                    String sep = m.group(2);
                    return pad(dayFirst ? d.getDayOfMonth() : d.getMonthValue(), m.group(1).length()) + sep
                            + pad(dayFirst ? d.getMonthValue() : d.getDayOfMonth(), m.group(3).length()) + sep + d.getYear();
                }
                if (m.group(5) != null) {
                    LocalDate d = shift(LocalDate.of(Integer.parseInt(m.group(5)), Integer.parseInt(m.group(7)),
                            Integer.parseInt(m.group(8))));
                    return d.getYear() + m.group(6) + pad(d.getMonthValue(), m.group(7).length()) + m.group(6)
                            + pad(d.getDayOfMonth(), m.group(8).length());
                }
                LocalDate d = shift(LocalDate.of(Integer.parseInt(m.group(9)), Integer.parseInt(m.group(10)),
                        Integer.parseInt(m.group(11))));
                return d.getYear() + pad(d.getMonthValue(), 2) + pad(d.getDayOfMonth(), 2);
            } catch (DateTimeException e) {
                return null;
            }
        }
        if (value.length() == 4 && Validators.digits(value).length() == 4) {
            // a year of birth: moved by whole years within the window, at least one
            int year = Integer.parseInt(value);
            int years = Math.max(1, window / 365);
            int shift = ctx.keys().choose(TAG, 1, value, 2 * years) - years;
            return Integer.toString(year + (shift >= 0 ? shift + 1 : shift));
        }
        Matcher md = MONTH_DAY.matcher(value);
        if (md.matches()) {
            return named(md.group(1), md.group(2), md.group(4), true);
        }
        Matcher dm = DAY_MONTH.matcher(value);
        return dm.matches() ? named(dm.group(2), dm.group(1), dm.group(4), false) : null;
    }

    /** A date with its month spelt out; without a year, moved as a day of a leap year and written without one. */
    private String named(String monthWord, String day, String year, boolean monthFirst) {
        int month = month(monthWord);
        if (month == 0) {
            return null;
        }
        LocalDate d;
        try {
            d = shift(LocalDate.of(year == null ? 2000 : Integer.parseInt(year), month, Integer.parseInt(day)));
        } catch (DateTimeException e) {
            return null;
        }
        String name = MONTHS[d.getMonthValue() - 1];
        if (monthWord.length() <= 4 && monthWord.length() < name.length()) {
            name = name.substring(0, 3);
        }
        name = RuleContext.applyCase(monthWord, Character.toUpperCase(name.charAt(0)) + name.substring(1));
        String dayText = pad(d.getDayOfMonth(), day.length());
        String y = year == null ? "" : (monthFirst ? ", " : " ") + d.getYear();
        return monthFirst ? name + " " + dayText + y : dayText + " " + name + y;
    }

    private static int month(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(w) || w.length() >= 3 && MONTHS[i].startsWith(w)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static String pad(int n, int width) {
        String s = Integer.toString(n);
        return s.length() < width ? "0".repeat(width - s.length()) + s : s;
    }
}
