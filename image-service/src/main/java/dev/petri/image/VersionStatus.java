package dev.petri.image;

/** Lifecycle of an image version: BUILDING, then READY or FAILED; a READY version is RETIRED later. */
public enum VersionStatus {
    BUILDING, READY, FAILED, RETIRED;

    /** Whether a version may move from this status to another. */
    public boolean canMoveTo(VersionStatus next) {
        return switch (this) {
            case BUILDING -> next == READY || next == FAILED;
            case READY -> next == RETIRED;
            case FAILED, RETIRED -> false;
        };
    }
}
