package dev.petri.masking.rule;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DateOfBirthRuleTest {

    @Test
    void shiftsWithinTheWindowNeverByZero() {
        MaskingRule rule = Contexts.rule(Contexts.context("k"), "date_of_birth", Map.of("window_days", "30"),
                RuleTarget.free(null));
        LocalDate start = LocalDate.of(1980, 1, 1);
        for (int i = 0; i < 1_000; i++) {
            LocalDate d = start.plusDays(i);
            long shift = ChronoUnit.DAYS.between(d, LocalDate.parse(rule.mask(d.toString())));
            assertTrue(shift != 0 && Math.abs(shift) <= 30, "shift " + shift);
        }
        assertTrue(rule.mask("1980-01-01 10:00:00").endsWith(" 10:00:00"));
    }

    @Test
    void refusesAnAbsurdWindow() {
        assertThrows(RuleException.class, () -> Contexts.rule(Contexts.context("k"), "date_of_birth",
                Map.of("window_days", "0"), RuleTarget.free(null)));
    }
}
