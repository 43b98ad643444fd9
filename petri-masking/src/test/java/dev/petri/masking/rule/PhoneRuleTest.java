package dev.petri.masking.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.petri.masking.detect.Validators;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhoneRuleTest {

    @Test
    void keepsTheFormatAndChangesTheDigits() {
        MaskingRule rule = Contexts.rule("phone");
        String masked = rule.mask("(555) 123-4567");
        assertEquals("(###) ###-####", masked.replaceAll("\\d", "#"));
        assertNotEquals("5551234567", Validators.digits(masked));
        assertEquals(masked, rule.mask("(555) 123-4567"));
    }

    @Test
    void distinctNumbersStayDistinct() {
        MaskingRule rule = Contexts.rule("phone");
        Set<String> out = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            out.add(rule.mask(String.format("+1 555 %07d", i)));
        }
        assertEquals(2_000, out.size(), "FF1 is a bijection on the digits");
    }
}
