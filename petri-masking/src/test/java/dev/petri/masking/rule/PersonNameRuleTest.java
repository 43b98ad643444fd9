package dev.petri.masking.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.masking.detect.SensitiveClass;
import dev.petri.masking.scan.SourceValues;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonNameRuleTest {

    @Test
    void masksWordByWordKeepingCaseAndNeverGivesAnOriginalName() {
        SourceValues source = new SourceValues();
        source.add(SensitiveClass.PERSON_NAME, "John Smith");
        source.add(SensitiveClass.PERSON_NAME, "Mary Johnson");
        RuleContext ctx = Contexts.context("k", source);
        MaskingRule rule = Contexts.rule(ctx, "person_name", Map.of(), RuleTarget.free("full"));
        String full = rule.mask("John Smith");
        String[] words = full.split(" ");
        assertEquals(2, words.length);
        assertEquals(words[0], rule.mask("John"));
        assertEquals(words[1].toUpperCase(Locale.ROOT), rule.mask("SMITH"));
        assertFalse(source.leaks(full));
        assertNotEquals("John Smith", full);
    }

    @Test
    void anEMailAddressOrPhoneNumberInANameFieldIsMaskedAsWhatItIsAndItsWordsAreNoNames() {
        SourceValues source = new SourceValues();
        source.add(SensitiveClass.PERSON_NAME, "bob.miller@mail.test");
        source.add(SensitiveClass.PERSON_NAME, "Ann Lee");
        assertEquals(SensitiveClass.EMAIL, source.match(SensitiveClass.EMAIL, "BOB.MILLER@mail.test"));
        assertFalse(source.isNameWord("mail"), "the domain is no name");
        assertFalse(source.isNameWord("miller"), "an address's words are compared as the address, not as names");
        RuleContext ctx = Contexts.context("unit-key", source);
        MaskingRule rule = Contexts.rule(ctx, "person_name", Map.of(), RuleTarget.free("full"));
        assertEquals(ctx.maskEmbedded(SensitiveClass.EMAIL, "bob.miller@mail.test"), rule.mask("bob.miller@mail.test"));
        assertEquals(ctx.maskEmbedded(SensitiveClass.PHONE, "+1 206 555 0143"), rule.mask("+1 206 555 0143"));
        assertFalse(rule.mask("Ann Lee").contains("@"));
    }

    @Test
    void titlesAndSuffixesStayAndAreNoWordsOfNames() {
        SourceValues source = new SourceValues();
        source.add(SensitiveClass.PERSON_NAME, "Dr. Grace Hopper Jr");
        MaskingRule rule = Contexts.rule(Contexts.context("unit-key", source), "person_name", Map.of(), RuleTarget.free("full"));
        String masked = rule.mask("Dr. Grace Hopper Jr");
        assertTrue(masked.startsWith("Dr. ") && masked.endsWith(" Jr"), masked);
        assertFalse(masked.contains("Grace") || masked.contains("Hopper"), masked);
        assertFalse(source.isNameWord("dr") || source.isNameWord("jr"), "every text has them");
        assertNotEquals("Sr", rule.mask("Sr"), "a whole value is a name, whatever it reads like");
        source.add(SensitiveClass.PERSON_NAME, "Miss");
        assertFalse(rule.mask("Miss Hopper").startsWith("Miss"), "a title that is somebody's first name is a name");
    }

    @Test
    void fitsTheColumn() {
        MaskingRule rule = Contexts.rule(Contexts.context("k"), "person_name", Map.of(),
                new RuleTarget(ValueKind.TEXT, 5, false, true, "full"));
        assertEquals(true, rule.mask("Alexandra Konstantinopoulou").length() <= 5);
    }
}
