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
}
