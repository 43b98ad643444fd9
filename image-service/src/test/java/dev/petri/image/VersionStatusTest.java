package dev.petri.image;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The allowed moves of an image version's lifecycle. */
class VersionStatusTest {

    @Test
    void aBuildEndsReadyOrFailed() {
        assertTrue(VersionStatus.BUILDING.canMoveTo(VersionStatus.READY));
        assertTrue(VersionStatus.BUILDING.canMoveTo(VersionStatus.FAILED));
        assertFalse(VersionStatus.BUILDING.canMoveTo(VersionStatus.RETIRED));
    }

    @Test
    void onlyAReadyVersionIsRetiredAndNothingComesBack() {
        assertTrue(VersionStatus.READY.canMoveTo(VersionStatus.RETIRED));
        assertFalse(VersionStatus.FAILED.canMoveTo(VersionStatus.READY));
        assertFalse(VersionStatus.RETIRED.canMoveTo(VersionStatus.READY));
        assertFalse(VersionStatus.READY.canMoveTo(VersionStatus.BUILDING));
    }
}
