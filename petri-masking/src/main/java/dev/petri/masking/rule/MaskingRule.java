package dev.petri.masking.rule;

/**
 * One masking function: deterministic under the masking secret (the same value always gives the
 * same masked value), NULL-free (the pipeline keeps NULL as NULL) and thread safe.
 */
public interface MaskingRule {

    /** The stable name policies refer to. */
    String name();

    /** The masked form of a non-null value; null only for rules that clear values. */
    String mask(String value);
}
