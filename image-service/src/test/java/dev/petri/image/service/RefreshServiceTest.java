package dev.petri.image.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A refresh is due when the cron fired after the last build, and only then. */
class RefreshServiceTest {

    private static final String NIGHTLY = "0 0 2 * * ?";

    @Test
    void isDueWhenTheCronFiredAfterTheLastBuild() {
        assertTrue(RefreshService.isDue(NIGHTLY, Instant.parse("2026-11-25T01:00:00Z"),
                Instant.parse("2026-11-25T02:00:30Z")));
    }

    @Test
    void isNotDueWhenTheLastBuildCameAfterTheCron() {
        assertFalse(RefreshService.isDue(NIGHTLY, Instant.parse("2026-11-25T02:05:00Z"),
                Instant.parse("2026-11-25T09:00:00Z")));
    }

    @Test
    void anImageNeverBuiltIsDue() {
        assertTrue(RefreshService.isDue(NIGHTLY, null, Instant.parse("2026-11-25T09:00:00Z")));
    }

    @Test
    void anInvalidCronIsNeverDue() {
        assertFalse(RefreshService.isDue("not a cron", null, Instant.now()));
    }
}
