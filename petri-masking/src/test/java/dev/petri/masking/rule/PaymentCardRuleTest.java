package dev.petri.masking.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.masking.detect.Validators;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentCardRuleTest {

    @Test
    void keepsLengthGroupingAndLuhnInTheTestRange() {
        MaskingRule rule = Contexts.rule("payment_card");
        String masked = rule.mask("4111 1111 1111 1111");
        assertEquals(19, masked.length());
        assertEquals(' ', masked.charAt(4));
        assertTrue(masked.startsWith("4000 00"), masked);
        assertTrue(Validators.luhn(Validators.digits(masked)));
        assertNotEquals("4111 1111 1111 1111", masked);
        assertEquals(masked, rule.mask("4111 1111 1111 1111"), "deterministic");
    }

    @Test
    void leavesValuesThatAreNotCardsAlone() {
        assertEquals("R1234", Contexts.rule("payment_card").mask("R1234"));
    }

    @Test
    void anotherKeyGivesAnotherNumber() {
        String a = Contexts.rule("payment_card").mask("5500005555555559");
        String b = Contexts.rule(Contexts.context("other"), "payment_card", Map.of(), RuleTarget.free(null))
                .mask("5500005555555559");
        assertNotEquals(a, b);
    }
}
