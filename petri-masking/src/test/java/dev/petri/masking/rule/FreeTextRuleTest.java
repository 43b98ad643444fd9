package dev.petri.masking.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.masking.detect.SensitiveClass;
import dev.petri.masking.scan.SourceValues;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FreeTextRuleTest {

    @Test
    void replacesDetectedValuesAndKnownNamesInPlaceKeepingTheRest() {
        SourceValues source = new SourceValues();
        source.add(SensitiveClass.PERSON_NAME, "Hermione Granger");
        RuleContext ctx = Contexts.context("k", source);
        MaskingRule rule = Contexts.rule(ctx, "free_text", Map.of(), RuleTarget.free(null));
        String text = "Spoke to GRANGER (hermione.granger@hogwarts.test, 555-867-5309) about the refund.";
        String masked = rule.mask(text);
        assertFalse(masked.toLowerCase(Locale.ROOT).contains("granger"), masked);
        assertFalse(masked.contains("867-5309"), masked);
        assertTrue(masked.startsWith("Spoke to ") && masked.endsWith(") about the refund."), masked);
        assertTrue(masked.contains(ctx.maskName("Granger").toUpperCase(Locale.ROOT)), "same pseudonym, case kept");
        assertEquals(masked, rule.mask(text));
    }

    @Test
    void aStreetWrittenInANoteIsReplacedByAnotherWithTheRestOfTheNoteKept() {
        MaskingRule rule = Contexts.rule("free_text");
        String note = "Leave with neighbour at 4 Elm Street, call (217) 555-0134 after 6pm";
        String masked = rule.mask(note);
        assertTrue(masked.startsWith("Leave with neighbour at ") && masked.contains(", call (")
                && masked.endsWith(" after 6pm"), masked);
        assertFalse(masked.contains("Elm Street") || masked.contains("555-0134"), masked);
        assertEquals(masked, rule.mask(note), "the same note, the same street");
        String german = rule.mask("Paket bitte bei Hauptstraße 5a abgeben");
        assertTrue(german.startsWith("Paket bitte bei ") && german.endsWith(" abgeben") && !german.contains("Hauptstraße"),
                german);
    }
}
