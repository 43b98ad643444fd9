package dev.petri.masking.detect;

/**
 * The class given to a column and why.
 *
 * @param sensitiveClass the class
 * @param part           the part of a name or address (first, last, full, street, city), or null
 * @param evidence       why, in words (never a value)
 */
public record Classification(SensitiveClass sensitiveClass, String part, String evidence) {
}
