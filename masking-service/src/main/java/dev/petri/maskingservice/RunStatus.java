package dev.petri.maskingservice;

import java.util.EnumSet;
import java.util.Set;

/** Lifecycle of a masking run, with its allowed transitions in one place. */
public enum RunStatus {
    QUEUED, RUNNING, COMPLETED, FAILED;

    /** Whether a run may move from this status to another. */
    public boolean canMoveTo(RunStatus next) {
        Set<RunStatus> allowed = switch (this) {
            case QUEUED -> EnumSet.of(RUNNING, FAILED);
            case RUNNING -> EnumSet.of(RUNNING, COMPLETED, FAILED);
            case COMPLETED, FAILED -> EnumSet.noneOf(RunStatus.class);
        };
        return allowed.contains(next);
    }

    /** Whether the run has ended. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED;
    }
}
