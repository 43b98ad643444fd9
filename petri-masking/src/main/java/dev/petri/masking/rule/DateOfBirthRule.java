package dev.petri.masking.rule;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Moves a date of birth by a keyed, non-zero number of days within a bounded window, so ages stay
 * distributed as before; the time part of a timestamp is kept.
 */
public final class DateOfBirthRule implements MaskingRule {

    private static final int TAG = 9;
    static final RuleParam WINDOW = new RuleParam("window_days", "largest shift, in days, either way", "180");

    /** {@code date_of_birth}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("date_of_birth",
            "shifts the date within ±window_days (never by zero)", List.of(WINDOW),
            EnumSet.of(ValueKind.DATE, ValueKind.TEXT), DateOfBirthRule::new);

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
        if (value.length() < 10) {
            return value;
        }
        LocalDate d;
        try {
            d = LocalDate.parse(value.substring(0, 10));
        } catch (DateTimeParseException e) {
            return value;
        }
        int shift = ctx.keys().choose(TAG, 0, value.substring(0, 10), 2 * window) - window;
        if (shift >= 0) {
            shift++;
        }
        return d.plusDays(shift) + value.substring(10);
    }
}
