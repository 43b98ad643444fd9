package dev.petri.masking.detect;

/**
 * The class given to a column and why.
 *
 * @param sensitiveClass the class
 * @param part           the part of a name or address (first, last, full, street, city), or null
 * @param evidence       why, in words (never a value)
 */
public record Classification(SensitiveClass sensitiveClass, String part, String evidence) {

    /** How evidence from sampled values begins ({@code content: 180 of 200 sampled values …}). */
    public static final String CONTENT = "content:";

    /** Whether sampled values, not the name alone, support the class. */
    public boolean seenInContent() {
        return evidence != null && evidence.contains(CONTENT);
    }
}
