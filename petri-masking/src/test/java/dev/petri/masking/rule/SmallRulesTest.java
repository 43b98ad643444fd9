package dev.petri.masking.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** keep, set_null, redact, shape, postcode and ip_address: the rules with little to them. */
class SmallRulesTest {

    @Test
    void keepKeepsAndSetNullClears() {
        assertEquals("x", Contexts.rule("keep").mask("x"));
        assertNull(Contexts.rule("set_null").mask("x"));
        assertThrows(RuleException.class, () -> Contexts.rule(Contexts.context("k"), "set_null", Map.of(),
                new RuleTarget(ValueKind.TEXT, 0, false, true, null)), "not on a NOT NULL column");
    }

    @Test
    void redactWritesTheReplacementButNotOnUniqueColumns() {
        assertEquals("n/a", Contexts.rule(Contexts.context("k"), "redact", Map.of("replacement", "n/a"),
                RuleTarget.free(null)).mask("secret"));
        assertThrows(RuleException.class, () -> Contexts.rule(Contexts.context("k"), "redact", Map.of(),
                new RuleTarget(ValueKind.TEXT, 0, true, true, null)));
    }

    @Test
    void shapeAndPostcodeKeepTheShape() {
        assertEquals("AA-####", Contexts.rule("shape").mask("XY-1234").replaceAll("[A-Z]", "A").replaceAll("\\d", "#"));
        assertEquals("#####-####", Contexts.rule("postcode").mask("90210-1234").replaceAll("\\d", "#"));
    }

    @Test
    void emptyWritesTheTypesEmptyValueAndRefusesUniqueColumns() {
        RuleContext ctx = Contexts.context("k");
        assertEquals("", Contexts.rule(ctx, "empty", Map.of(), new RuleTarget(ValueKind.TEXT, 0, false, true, null))
                .mask("a scanned page"));
        assertEquals("\\x", Contexts.rule(ctx, "empty", Map.of(), new RuleTarget(ValueKind.OTHER, 0, false, true, null))
                .mask("\\xffd8ffe0"));
        assertThrows(RuleException.class, () -> Contexts.rule(ctx, "empty", Map.of(),
                new RuleTarget(ValueKind.OTHER, 0, true, true, null)));
    }

    @Test
    void shapeKeepsHexadecimalHashesAndUuidsHexadecimal() {
        MaskingRule shape = Contexts.rule("shape");
        for (String hex : new String[] {"8cb2237d0679ca88db6464eac60da96345513964", "5F4DCC3B5AA765D61D8327DEB882CF99",
            "550e8400-e29b-41d4-a716-446655440000"}) {
            String masked = shape.mask(hex);
            assertNotEquals(hex, masked);
            assertEquals(hex.length(), masked.length());
            assertTrue(masked.matches(hex.equals(hex.toUpperCase()) ? "[0-9A-F-]+" : "[0-9a-f-]+"), hex + " -> " + masked);
            assertEquals(hex.replaceAll("[^-]", "x"), masked.replaceAll("[^-]", "x"), "dashes where they were");
        }
        assertFalse(shape.mask("qrstuvwxyzqrstuvwxyz").matches("[a-f]+"), "not hexadecimal: letters from the whole alphabet");
    }

    @Test
    void shapeKeepsAPasswordHashsSchemeAndParameters() {
        MaskingRule shape = Contexts.rule("shape");
        String[][] cases = {
            {"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy", "$2a$10$"},
            {"$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG", "$argon2id$v=19$m=65536,t=3,p=4$"},
            {"$6$rounds=5000$Sx4pQ9$Vd8i2jVj1q7kQmXoY3eXx0", "$6$rounds=5000$"},
            {"pbkdf2_sha256$600000$Ab12Cd34$Zm9vYmFyYmF6cXV4cXV1eHh5eno=", "pbkdf2_sha256$600000$"},
        };
        for (String[] c : cases) {
            String masked = shape.mask(c[0]);
            assertTrue(masked.startsWith(c[1]), masked);
            assertEquals(c[0].length(), masked.length());
            assertNotEquals(c[0].substring(c[1].length()), masked.substring(c[1].length()), masked);
        }
        assertEquals(0, ShapeRule.schemePrefix("ab$cd$ef"), "a code with dollars is not a hash scheme");
        assertEquals(0, ShapeRule.schemePrefix("$2a$10$"), "nothing left to scramble");
        assertEquals(0, ShapeRule.schemePrefix("sk_live_abc123"));
    }

    @Test
    void shapeNeverSpellsAWordOfAnOriginalName() {
        dev.petri.masking.scan.SourceValues source = new dev.petri.masking.scan.SourceValues();
        for (String w : new String[] {"al", "bo", "ed", "jo", "li", "kim", "ann", "eva", "ian", "max"}) {
            source.addNameWords(w);
        }
        MaskingRule shape = Contexts.rule(Contexts.context("k", source), "shape", Map.of(), RuleTarget.free(null));
        MaskingRule unchecked = Contexts.rule("shape");
        int wouldHave = 0;
        for (int i = 0; i < 2_000; i++) {
            String hash = "$2a$10$" + Integer.toHexString(i * 7919) + "x" + i + "ab-cd.ef" + (i % 7) + "ghi";
            String masked = shape.mask(hash);
            assertFalse(source.containsNameWord(masked), masked);
            assertEquals(hash.replaceAll("[a-z]", "a").replaceAll("\\d", "#"), masked.replaceAll("[a-z]", "a").replaceAll("\\d", "#"));
            if (source.containsNameWord(unchecked.mask(hash))) {
                wouldHave++;
            }
        }
        assertTrue(wouldHave > 0, "without the check, random letters do spell names now and then");
    }

    @Test
    void ipAddressGoesToAPrivateRange() {
        assertTrue(Contexts.rule("ip_address").mask("203.0.113.7").startsWith("10."));
        assertTrue(Contexts.rule("ip_address").mask("2001:db8::1").startsWith("fd"));
    }

    @Test
    void everyRuleHasAStableNameAndDeclaresItsParameters() {
        for (RuleDescriptor d : Rules.all()) {
            assertTrue(d.name().matches("[a-z_]+"), d.name());
            assertTrue(!d.description().isBlank());
            d.params().forEach(p -> assertTrue(p.defaultValue() != null, d.name() + "." + p.name()));
        }
    }
}
