package dev.petri.masking.rule;

/** A rule cannot produce a value that fits its column (length, uniqueness, format). */
public class RuleException extends RuntimeException {

    public RuleException(String message) {
        super(message);
    }
}
