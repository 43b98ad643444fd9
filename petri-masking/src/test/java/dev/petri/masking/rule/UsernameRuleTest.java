package dev.petri.masking.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.masking.detect.Validators;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsernameRuleTest {

    @Test
    void aPseudonymWithDigitsKeepingTheSeparatorTheSameEverywhere() {
        MaskingRule rule = Contexts.rule("username");
        String dotted = rule.mask("anna.schmidt");
        assertTrue(dotted.matches("[a-z]+\\.[a-z]+\\d{6}"), dotted);
        assertTrue(rule.mask("jsmith_42").matches("[a-z]+_[a-z]+\\d{6}"), rule.mask("jsmith_42"));
        assertTrue(rule.mask("coolcat99").matches("[a-z]+\\d{6}"), rule.mask("coolcat99"));
        assertEquals(dotted, rule.mask("anna.schmidt"));
        assertEquals(dotted, Contexts.rule("username").mask("Anna.Schmidt"), "a login is compared without case");
        assertNotEquals(dotted, Contexts.rule(Contexts.context("other-key"), "username", Map.of(), RuleTarget.free(null))
                .mask("anna.schmidt"), "another key gives other names");
    }

    @Test
    void aSocialHandleKeepsItsAtAndIsTheSameUserNameWithoutIt() {
        MaskingRule rule = Contexts.rule("username");
        String handle = rule.mask("@liamsmith1");
        assertTrue(handle.matches("@[a-z]+\\d{6}"), handle);
        assertEquals(handle.substring(1), rule.mask("liamsmith1"));
        assertEquals(handle, rule.mask("@LiamSmith1"));
    }

    @Test
    void aLoginThatIsAnEmailStaysAnEmail() {
        String masked = Contexts.rule("username").mask("anna.schmidt@corp.example");
        assertTrue(Validators.email(masked), masked);
        assertTrue(!masked.contains("schmidt"), masked);
    }

    @Test
    void uniqueColumnsGetDistinctNamesThatFitTheColumn() {
        RuleTarget unique = new RuleTarget(ValueKind.TEXT, 12, true, true, null);
        MaskingRule rule = Contexts.rule(Contexts.context("unit-key"), "username", Map.of(), unique);
        Set<String> out = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String masked = rule.mask("user_" + i);
            assertTrue(masked.length() <= 12, masked);
            out.add(masked);
        }
        assertEquals(20_000, out.size());
    }
}
