package dev.petri.masking.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void keepsTheCountryCodeOrTrunkZero() {
        MaskingRule rule = Contexts.rule("phone");
        for (String phone : new String[] {"+1 (415) 555-0101", "+49 30 1234567", "+353-1-234-5678", "0049 151 2345678",
            "0171 2345678", "030/12345678"}) {
            String masked = rule.mask(phone);
            String prefix = phone.substring(0, PhoneRule.keptPrefix(phone));
            assertTrue(!prefix.isEmpty(), phone);
            assertTrue(masked.startsWith(prefix), phone + " -> " + masked);
            assertEquals(phone.replaceAll("\\d", "#"), masked.replaceAll("\\d", "#"));
            assertNotEquals(Validators.digits(phone), Validators.digits(masked));
        }
        assertEquals(3, PhoneRule.keptPrefix("+4915112345678"), "E.164: +49 is Germany's");
        assertEquals(2, PhoneRule.keptPrefix("+14155550123"));
        assertEquals(4, PhoneRule.keptPrefix("+353861234567"), "three digits: Ireland");
        assertEquals(4, PhoneRule.keptPrefix("0044207946095"), "00 and a two-digit code");
        assertTrue(rule.mask("+14155550123").matches("\\+1\\d{10}"), rule.mask("+14155550123"));
        assertEquals(0, PhoneRule.keptPrefix("(555) 123-4567"));
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
