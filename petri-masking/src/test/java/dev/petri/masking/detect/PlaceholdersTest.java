package dev.petri.masking.detect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    @Test
    void blankTextAndWhatPeopleTypeForNoValueArePlaceholders() {
        for (String v : new String[] {"", "   ", "\t", "N/A", "n/a", " none ", "NULL", "Unknown", "-", "?", "TBD", "not provided"}) {
            assertTrue(Placeholders.is(v), "'" + v + "'");
        }
    }

    @Test
    void valuesAndNamesAreNot() {
        for (String v : new String[] {"Na", "Nan", "Nil", "Bob", "0", "000", "n/a@x.io", "+1-800-FLOWERS", "unknown person",
            "x".repeat(20)}) {
            assertFalse(Placeholders.is(v), "'" + v + "'");
        }
    }
}
