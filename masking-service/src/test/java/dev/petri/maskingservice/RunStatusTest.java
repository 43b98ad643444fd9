package dev.petri.maskingservice;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A masking run ends once, as completed or failed. */
class RunStatusTest {

    @Test
    void aFinishedRunNeverMovesAgain() {
        for (RunStatus next : RunStatus.values()) {
            assertFalse(RunStatus.COMPLETED.canMoveTo(next));
            assertFalse(RunStatus.FAILED.canMoveTo(next));
        }
        assertTrue(RunStatus.COMPLETED.isFinal());
        assertFalse(RunStatus.RUNNING.isFinal());
    }

    @Test
    void aQueuedRunRunsOrFails() {
        assertTrue(RunStatus.QUEUED.canMoveTo(RunStatus.RUNNING));
        assertTrue(RunStatus.QUEUED.canMoveTo(RunStatus.FAILED));
        assertFalse(RunStatus.QUEUED.canMoveTo(RunStatus.COMPLETED));
    }
}
