package dev.petri.masking.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class NationalIdRuleTest {

    @Test
    void keepsTheShape() {
        MaskingRule rule = Contexts.rule("national_id");
        String ssn = rule.mask("123-45-6789");
        assertEquals("###-##-####", ssn.replaceAll("\\d", "#"));
        assertNotEquals("123-45-6789", ssn);
        assertEquals("AA######", rule.mask("AB123456").replaceAll("\\d", "#").replaceAll("[A-Z]", "A"));
    }
}
