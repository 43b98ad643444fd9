package dev.petri.masking.rule;

import java.util.Collection;

/**
 * A rule that reads the whole column before it masks a value of it, so that what it gives a value does not depend on
 * the order rows come in: a unique column of names resolves two originals that draw the same pseudonym by their keys,
 * not by which came first.
 */
public interface LearnsColumn {

    /** Whether this rule, for its column, wants the column's values first. */
    boolean wantsColumn();

    /** The column's distinct non-null values (placeholders left out), before any value is masked. */
    void learn(Collection<String> values);
}
