package dev.petri.pool;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The member lifecycle allows exactly the transitions the pool relies on. */
class MemberStatusTest {

    @Test
    void aReadyMemberCanBeClaimedOrDrainedButNotDroppedDirectly() {
        assertTrue(MemberStatus.READY.canMoveTo(MemberStatus.CLAIMED));
        assertTrue(MemberStatus.READY.canMoveTo(MemberStatus.RELEASING));
        assertFalse(MemberStatus.READY.canMoveTo(MemberStatus.DROPPED));
    }

    @Test
    void aClaimedMemberIsNeverClaimedAgainOrReturnedToThePool() {
        assertFalse(MemberStatus.CLAIMED.canMoveTo(MemberStatus.CLAIMED));
        assertFalse(MemberStatus.CLAIMED.canMoveTo(MemberStatus.READY));
        assertTrue(MemberStatus.CLAIMED.canMoveTo(MemberStatus.RELEASING));
    }

    @Test
    void droppedAndFailedAreFinal() {
        for (MemberStatus next : MemberStatus.values()) {
            assertFalse(MemberStatus.DROPPED.canMoveTo(next));
            assertFalse(MemberStatus.FAILED.canMoveTo(next));
        }
    }
}
