package dev.petri.masking.rule;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves a latitude or longitude to a keyed spot in the same cell of a coarse grid (0.01°, about 1 km, by
 * default): the town, the neighbourhood and the spread of places stay, the exact spot (someone's home)
 * goes. Every decimal number of the value is moved (both of a {@code point}), keeping its number of
 * decimals; a number no finer than the cell is already coarse and stays.
 */
public final class GeoRule implements MaskingRule {

    private static final int TAG = 23;
    /** A decimal number; one in exponent form ({@code 1.2E-5}: within a few metres of 0°) is left. */
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+(?![\\deE])");
    static final RuleParam CELL = new RuleParam("cell", "size in degrees of the grid cell a coordinate stays in", "0.01");

    /** {@code geo}. */
    public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("geo",
            "keyed spot in the same ~1 km cell (0.01°), decimals kept", List.of(CELL),
            EnumSet.of(ValueKind.NUMBER, ValueKind.TEXT, ValueKind.OTHER), GeoRule::new);

    private final RuleContext ctx;
    private final BigDecimal cell;

    GeoRule(RuleContext ctx, Map<String, String> params, RuleTarget target) {
        this.ctx = ctx;
        try {
            this.cell = new BigDecimal(RuleDescriptor.param(params, CELL).trim());
        } catch (NumberFormatException e) {
            throw new RuleException("cell must be a number of degrees such as 0.01");
        }
        if (cell.signum() <= 0 || cell.compareTo(BigDecimal.TEN) > 0) {
            throw new RuleException("cell must be more than 0 and at most 10 degrees");
        }
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public String mask(String value) {
        Matcher m = DECIMAL.matcher(value);
        StringBuilder out = new StringBuilder(value.length());
        while (m.find()) {
            m.appendReplacement(out, move(m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String move(String number) {
        BigDecimal v = new BigDecimal(number);
        int scale = v.scale();
        if (scale <= Math.max(0, cell.stripTrailingZeros().scale())) {
            return number;
        }
        BigDecimal base = v.divide(cell, 0, RoundingMode.FLOOR).multiply(cell);
        // a keyed fraction of the cell, from the value itself: the same coordinate moves to the same spot everywhere
        long h = ctx.keys().prf(TAG, 0, v.stripTrailingZeros().toPlainString());
        BigDecimal fraction = BigDecimal.valueOf(Long.remainderUnsigned(h, 1_000_000_000L), 9);
        BigDecimal moved = base.add(cell.multiply(fraction)).setScale(scale, RoundingMode.FLOOR);
        return moved.toPlainString();
    }
}
