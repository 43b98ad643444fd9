package dev.petri.pool;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The member state machine allows only forward moves: nothing claimed or dropped comes back. */
class MemberStatusTest {

    @Test
    void aClaimedMemberNeverReturnsToThePool() {
        assertFalse(MemberStatus.CLAIMED.canMoveTo(MemberStatus.READY));
        assertFalse(MemberStatus.CLAIMED.canMoveTo(MemberStatus.CLAIMED));
        assertTrue(MemberStatus.CLAIMED.canMoveTo(MemberStatus.RELEASING));
    }

    @Test
    void droppedAndFailedMembersAreFinal() {
        for (MemberStatus next : MemberStatus.values()) {
            assertFalse(MemberStatus.DROPPED.canMoveTo(next));
            assertFalse(MemberStatus.FAILED.canMoveTo(next));
        }
    }

    @Test
    void aHalfBuiltMemberCanOnlyBecomeReadyClaimedOrFailed() {
        assertTrue(MemberStatus.PROVISIONING.canMoveTo(MemberStatus.READY));
        assertTrue(MemberStatus.PROVISIONING.canMoveTo(MemberStatus.CLAIMED));
        assertTrue(MemberStatus.PROVISIONING.canMoveTo(MemberStatus.FAILED));
        assertFalse(MemberStatus.PROVISIONING.canMoveTo(MemberStatus.RELEASING));
    }

    @Test
    void aReleasedMemberWaitsForItsDropAndNeverReturnsToThePool() {
        assertTrue(MemberStatus.CLAIMED.canMoveTo(MemberStatus.DROP_PENDING));
        assertTrue(MemberStatus.DROP_PENDING.canMoveTo(MemberStatus.RELEASING));
        for (MemberStatus next : new MemberStatus[] {MemberStatus.READY, MemberStatus.CLAIMED, MemberStatus.DROPPED,
                MemberStatus.PROVISIONING}) {
            assertFalse(MemberStatus.DROP_PENDING.canMoveTo(next), "DROP_PENDING -> " + next);
        }
        assertFalse(MemberStatus.READY.canMoveTo(MemberStatus.DROP_PENDING), "only a claimed member waits for its drop");
        assertTrue(MemberStatus.LIVE.contains(MemberStatus.DROP_PENDING), "its database still uses the host");
    }
}
