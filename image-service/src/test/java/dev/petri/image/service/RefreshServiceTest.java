package dev.petri.image.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a refresh cron (Quartz syntax, UTC) makes a build due. */
class RefreshServiceTest {

    private static final String HOURLY = "0 0 * * * ?";
    private static final Instant NOW = Instant.parse("2026-11-10T10:30:00Z");

    @Test
    void anImageNeverBuiltIsDue() {
        assertTrue(RefreshService.isDue(HOURLY, null, NOW));
    }

    @Test
    void anImageBuiltBeforeTheLastFiringIsDue() {
        assertTrue(RefreshService.isDue(HOURLY, Instant.parse("2026-11-10T09:59:00Z"), NOW));
    }

    @Test
    void anImageBuiltSinceTheLastFiringIsNotDue() {
        assertFalse(RefreshService.isDue(HOURLY, Instant.parse("2026-11-10T10:00:01Z"), NOW));
    }

    @Test
    void aNightlyScheduleIsDueOnlyOnceItsTimeHasPassed() {
        String nightly = "0 0 2 * * ?";
        Instant builtYesterday = Instant.parse("2026-11-09T02:00:05Z");
        assertFalse(RefreshService.isDue(nightly, builtYesterday, Instant.parse("2026-11-10T01:59:59Z")));
        assertTrue(RefreshService.isDue(nightly, builtYesterday, Instant.parse("2026-11-10T02:00:01Z")));
    }

    @Test
    void anInvalidCronIsNeverDue() {
        assertFalse(RefreshService.isDue("every night please", null, NOW));
    }
}
