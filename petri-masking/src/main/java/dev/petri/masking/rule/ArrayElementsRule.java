package dev.petri.masking.rule;

import dev.petri.masking.catalog.ArrayLiteral;
import dev.petri.masking.detect.Placeholders;

/** A rule applied to each element of an array column's value, NULL elements, placeholders and the array's shape kept. */
public final class ArrayElementsRule implements MaskingRule {

    private final MaskingRule element;

    /** The rule of the column's element type, applied element by element. */
    public ArrayElementsRule(MaskingRule element) {
        this.element = element;
    }

    @Override
    public String name() {
        return element.name();
    }

    @Override
    public String mask(String value) {
        try {
            return ArrayLiteral.map(value, v -> Placeholders.is(v) ? v : element.mask(v));
        } catch (IllegalArgumentException e) {
            throw new RuleException("an array value cannot be read: " + e.getMessage());
        }
    }
}
