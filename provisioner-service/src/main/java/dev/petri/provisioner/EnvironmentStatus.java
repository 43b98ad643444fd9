package dev.petri.provisioner;

/** What the front door knows of an environment, from request to drop. */
public enum EnvironmentStatus {
    REQUESTED, READY, FAILED, RELEASING, DROPPED, EXPIRED;

    /** Whether the environment still exists or is on its way. */
    public boolean isActive() {
        return this == REQUESTED || this == READY || this == RELEASING;
    }
}
