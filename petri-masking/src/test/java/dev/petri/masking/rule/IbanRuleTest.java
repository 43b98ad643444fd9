package dev.petri.masking.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.masking.detect.Validators;
import org.junit.jupiter.api.Test;

class IbanRuleTest {

    @Test
    void givesAValidIbanOfTheSameCountryAndGrouping() {
        String original = "DE89 3704 0044 0532 0130 00";
        String masked = Contexts.rule("iban").mask(original);
        assertTrue(Validators.iban(masked), masked);
        assertTrue(masked.startsWith("DE"));
        assertEquals(original.length(), masked.length());
        assertNotEquals(original, masked);
    }
}
