package dev.petri.masking.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressRuleTest {

    @Test
    void givesARealisticStreetWithAHouseNumberOfTheSameLength() {
        MaskingRule rule = Contexts.rule("address");
        String masked = rule.mask("742 Evergreen Terrace");
        assertTrue(masked.matches("\\d{3} \\D+"), masked);
        assertNotEquals("742 Evergreen Terrace", masked);
        assertEquals(masked, rule.mask("742 Evergreen Terrace"));
    }

    @Test
    void givesACityForCityColumns() {
        MaskingRule rule = Contexts.rule(Contexts.context("k"), "address", Map.of("part", "city"), RuleTarget.free(null));
        assertTrue(FakeData.get().cities().contains(rule.mask("Springfield")));
    }
}
