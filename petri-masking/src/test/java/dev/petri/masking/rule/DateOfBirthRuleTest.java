package dev.petri.masking.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
    void numbersThatAreDatesOrYearsAreMovedAndOnlyThoseReadAsDates() {
        MaskingRule rule = Contexts.rule(Contexts.context("unit-key"), "date_of_birth", Map.of(),
                new RuleTarget(ValueKind.NUMBER, 0, false, false, null));
        String key = rule.mask("19850312");
        LocalDate moved = LocalDate.parse(key, java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        long days = ChronoUnit.DAYS.between(LocalDate.of(1985, 3, 12), moved);
        assertTrue(days != 0 && Math.abs(days) <= 180, key);
        String year = rule.mask("1985");
        assertTrue(year.matches("19\\d\\d") && !year.equals("1985"), year);
        assertTrue(DateOfBirthRule.numericDate("19850312", 2026));
        assertTrue(DateOfBirthRule.numericDate("1985", 2026));
        assertTrue(!DateOfBirthRule.numericDate("19851312", 2026) && !DateOfBirthRule.numericDate("3400", 2026)
                && !DateOfBirthRule.numericDate("2", 2026) && !DateOfBirthRule.numericDate("20990101", 2026));
    }

    @Test
    void datesWrittenAsTextAreMovedAndKeepTheirForm() {
        MaskingRule rule = Contexts.rule(Contexts.context("k"), "date_of_birth", Map.of("window_days", "30"),
                RuleTarget.free(null));
        String[][] forms = {
            {"03/12/1985", "\\d{2}/\\d{2}/\\d{4}"}, {"25/12/1985", "\\d{2}/\\d{2}/\\d{4}"}, {"12.03.1990", "\\d{2}\\.\\d{2}\\.\\d{4}"},
            {"3/7/1979", "\\d{1,2}/\\d{1,2}/\\d{4}"}, {"1985/03/12", "\\d{4}/\\d{2}/\\d{2}"}, {"19850312", "\\d{8}"},
            {"April 2, 1840", "[A-Z][a-z]+ \\d{1,2}, \\d{4}"}, {"2 April 1840", "\\d{1,2} [A-Z][a-z]+ \\d{4}"},
            {"Mar 12", "[A-Z][a-z]{2} \\d{1,2}"}, {"MARCH 12", "[A-Z]+ \\d{1,2}"}, {"1970", "\\d{4}"},
            {"born in the spring of '85", ".*"}};
        for (String[] f : forms) {
            String masked = rule.mask(f[0]);
            assertNotEquals(f[0], masked, f[0]);
            assertTrue(masked.matches(f[1]), f[0] + " -> " + masked);
            assertEquals(masked, rule.mask(f[0]), "deterministic");
        }
        LocalDate iso = LocalDate.parse(rule.mask("1985-03-12"));
        String german = rule.mask("12.03.1985");
        assertEquals(iso, LocalDate.of(Integer.parseInt(german.substring(6)), Integer.parseInt(german.substring(3, 5)),
                Integer.parseInt(german.substring(0, 2))), "one date, one shift, whatever its form");
        assertEquals("unknown date", rule.mask("unknown date"), "no digits, nothing to hide");
        MaskingRule wide = Contexts.rule(Contexts.context("k"), "date_of_birth", Map.of(), RuleTarget.free(null));
        for (String day : new String[] {"March 12", "Jan 1", "Dec 31", "July 4"}) {
            String masked = wide.mask(day);
            java.time.MonthDay md = java.time.MonthDay.parse(masked, java.time.format.DateTimeFormatter.ofPattern("[MMMM][MMM] d",
                    java.util.Locale.ENGLISH));
            java.time.MonthDay orig = java.time.MonthDay.parse(day, java.time.format.DateTimeFormatter.ofPattern("[MMMM][MMM] d",
                    java.util.Locale.ENGLISH));
            long shift = Math.floorMod(ChronoUnit.DAYS.between(orig.atYear(2000), md.atYear(2000)) + 183, 366) - 183;
            assertTrue(shift != 0 && Math.abs(shift) <= 180, day + " -> " + masked + " (" + shift + " days)");
        }
    }

    @Test
    void refusesAnAbsurdWindow() {
        assertThrows(RuleException.class, () -> Contexts.rule(Contexts.context("k"), "date_of_birth",
                Map.of("window_days", "0"), RuleTarget.free(null)));
    }
}
