package dev.petri.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsTheShortFormsPeopleType() {
        assertEquals(Duration.ofHours(2), Durations.parse("2h"));
        assertEquals(Duration.ofMinutes(30), Durations.parse("30m"));
        assertEquals(Duration.ofDays(1), Durations.parse("1d"));
        assertEquals(Duration.ofSeconds(45), Durations.parse("45s"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofHours(2), Durations.parse(" 2H "));
    }

    @Test
    void readsIso8601() {
        assertEquals(Duration.ofHours(2), Durations.parse("PT2H"));
        assertEquals(Duration.ofHours(2), Durations.parse("pt2h"));
        assertEquals(Duration.ofDays(1), Durations.parse("P1D"));
    }

    @Test
    void rejectsWhatIsNotAPositiveDuration() {
        for (String bad : new String[] {"", "2", "h", "2x", "two hours", "0h", "PT0S", "-2h", "PT-2H", "P"}) {
            assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
        }
    }

    @Test
    void printsDurationsShortly() {
        assertEquals("2h", Durations.human(Duration.ofHours(2)));
        assertEquals("7h59m", Durations.human(Duration.ofMinutes(479)));
        assertEquals("1d3h", Durations.human(Duration.ofHours(27)));
        assertEquals("45s", Durations.human(Duration.ofSeconds(45)));
        assertEquals("0s", Durations.human(Duration.ofSeconds(-5)));
    }
}
