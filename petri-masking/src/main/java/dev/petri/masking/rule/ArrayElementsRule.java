package dev.petri.masking.rule;

import dev.petri.masking.catalog.ArrayLiteral;

/** A rule applied to each element of an array column's value, NULL elements and the array's shape kept. */
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
            return ArrayLiteral.map(value, element::mask);
        } catch (IllegalArgumentException e) {
            throw new RuleException("an array value cannot be read: " + e.getMessage());
        }
    }
}
