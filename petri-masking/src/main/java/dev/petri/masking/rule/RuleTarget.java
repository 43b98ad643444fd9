package dev.petri.masking.rule;

/**
 * The column a rule instance masks: what the masked values must fit.
 *
 * @param kind      broad type kind
 * @param maxLength declared length of varchar(n)/char(n), 0 when unbounded
 * @param unique    whether a PRIMARY KEY or UNIQUE constraint covers the column alone
 * @param notNull   whether the column is NOT NULL
 * @param part      which part of a name or address the column holds (first, last, full, street, city), or null
 */
public record RuleTarget(ValueKind kind, int maxLength, boolean unique, boolean notNull, String part) {

    /** A target without limits, for values found inside text and documents. */
    public static RuleTarget free(String part) {
        return new RuleTarget(ValueKind.TEXT, 0, false, false, part);
    }
}
