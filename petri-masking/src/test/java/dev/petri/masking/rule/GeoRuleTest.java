package dev.petri.masking.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeoRuleTest {

    @Test
    void aCoordinateMovesWithinItsHundredthOfADegreeKeepingItsDecimals() {
        MaskingRule rule = Contexts.rule("geo");
        String lat = rule.mask("51.512345");
        assertTrue(lat.matches("51\\.51\\d{4}"), lat);
        assertNotEquals("51.512345", lat);
        String lng = rule.mask("-0.123456");
        assertTrue(lng.matches("-0\\.12\\d{4}"), "a negative one stays in its cell too: " + lng);
        assertEquals(lat, Contexts.rule("geo").mask("51.512345"), "the same spot moves to the same spot");
        assertEquals(lat.substring(0, 7), rule.mask("51.512345000").substring(0, 7), "however many zeros it carries");
    }

    @Test
    void aValueNoFinerThanTheCellStaysAndEveryNumberOfAPointMoves() {
        MaskingRule rule = Contexts.rule("geo");
        assertEquals("51.51", rule.mask("51.51"));
        assertEquals("52", rule.mask("52"));
        assertEquals("1.23456E-5", rule.mask("1.23456E-5"), "a number in exponent form is within metres of 0°");
        String point = rule.mask("(-0.123456,51.512345)");
        assertTrue(point.matches("\\(-0\\.12\\d{4},51\\.51\\d{4}\\)"), point);
    }

    @Test
    void spotsSpreadOverTheCellAsTheOriginalsDid() {
        MaskingRule rule = Contexts.rule("geo");
        Random r = new Random(3);
        Set<String> originals = new HashSet<>();
        Set<String> masked = new HashSet<>();
        double sum = 0;
        for (int i = 0; i < 2_000; i++) {
            String v = new BigDecimal(48.85 + r.nextDouble() * 0.01).setScale(6, java.math.RoundingMode.FLOOR).toPlainString();
            originals.add(v);
            String m = rule.mask(v);
            masked.add(m);
            sum += Double.parseDouble(m) - 48.85;
        }
        // 10,000 spots of 6 decimals in a cell: as many distinct as random draws give
        assertTrue(masked.size() > originals.size() * 0.85, "distinct spots: " + masked.size() + " of " + originals.size());
        assertEquals(0.005, sum / 2_000, 0.0005, "the mean offset is the middle of the cell");
    }

    @Test
    void aCoarserCellCanBeChosenAndANonsenseOneIsRefused() {
        MaskingRule city = Contexts.rule(Contexts.context("unit-key"), "geo", Map.of("cell", "0.1"), RuleTarget.free(null));
        assertTrue(city.mask("51.512345").matches("51\\.5\\d{5}"), city.mask("51.512345"));
        assertEquals("51.5", city.mask("51.5"));
        assertThrows(RuleException.class, () -> Contexts.rule(Contexts.context("unit-key"), "geo", Map.of("cell", "-1"),
                RuleTarget.free(null)));
        assertThrows(RuleException.class, () -> Contexts.rule(Contexts.context("unit-key"), "geo", Map.of("cell", "km"),
                RuleTarget.free(null)));
    }
}
