package dev.petri.masking.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.masking.detect.Validators;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmailRuleTest {

    @Test
    void givesAValidUniqueAddressOnAReservedDomain() {
        MaskingRule rule = Contexts.rule("email");
        Set<String> out = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            String m = rule.mask("person" + i + "@company.test");
            assertTrue(Validators.email(m) && m.matches(".*@example\\.(com|org|net)"), m);
            out.add(m);
        }
        assertEquals(5_000, out.size());
        assertEquals(rule.mask("A@B.com"), rule.mask("a@b.com"), "addresses compare case-insensitively");
    }

    @Test
    void fitsShortColumnsOrRefusesThem() {
        RuleContext ctx = Contexts.context("k");
        MaskingRule rule = Contexts.rule(ctx, "email", Map.of(), new RuleTarget(ValueKind.TEXT, 21, true, true, null));
        assertTrue(rule.mask("someone.with.a.long.name@company.test").length() <= 21);
        assertThrows(RuleException.class, () -> Contexts.rule(ctx, "email", Map.of(),
                new RuleTarget(ValueKind.TEXT, 10, true, true, null)));
    }

    @Test
    void rememberedAddressesAreExactlyTheComputedOnesWhateverTheColumnLength() {
        dev.petri.masking.scan.SourceValues source = new dev.petri.masking.scan.SourceValues();
        for (String n : new String[] {"John Smith", "Mary Jones", "Anna Schmidt", "James Brown"}) {
            source.add(dev.petri.masking.detect.SensitiveClass.PERSON_NAME, n);
        }
        RuleContext warm = Contexts.context("memo-key", source);
        RuleContext cold1 = Contexts.context("memo-key", source);
        RuleContext cold2 = Contexts.context("memo-key", source);
        MaskingRule free = Contexts.rule(warm, "email", Map.of(), RuleTarget.free(null));
        MaskingRule narrowWarm = Contexts.rule(warm, "email", Map.of(),
                new RuleTarget(ValueKind.TEXT, 22, true, true, null));
        MaskingRule wideWarm = Contexts.rule(warm, "email", Map.of(),
                new RuleTarget(ValueKind.TEXT, 120, true, true, null));
        MaskingRule narrowCold = Contexts.rule(cold1, "email", Map.of(),
                new RuleTarget(ValueKind.TEXT, 22, true, true, null));
        MaskingRule wideCold = Contexts.rule(cold2, "email", Map.of(),
                new RuleTarget(ValueKind.TEXT, 120, true, true, null));
        int narrowed = 0;
        for (int i = 0; i < 2_000; i++) {
            String v = "person" + i + "@corp" + (i % 7) + ".test";
            String f = free.mask(v);
            assertEquals(f, free.mask(v), "remembered");
            String n = narrowWarm.mask(v);
            assertEquals(narrowCold.mask(v), n, v);
            assertEquals(wideCold.mask(v), wideWarm.mask(v), v);
            assertEquals(f, wideWarm.mask(v), "a wide column gets the unbounded address");
            org.junit.jupiter.api.Assertions.assertTrue(n.length() <= 22, n);
            narrowed += n.equals(f) ? 0 : 1;
        }
        org.junit.jupiter.api.Assertions.assertTrue(narrowed > 0, "some addresses had to be shortened");
    }
}
