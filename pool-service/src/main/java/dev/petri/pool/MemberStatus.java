package dev.petri.pool;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of a pool member, with every allowed transition in one place. A released or expired
 * member goes to {@code DROP_PENDING}: its login is already disabled and its sessions ended, but its
 * database waits to be dropped until claims pause (each drop forces a checkpoint); the drop itself
 * runs in {@code RELEASING}.
 */
public enum MemberStatus {
    PROVISIONING, READY, CLAIMED, DROP_PENDING, RELEASING, DROPPED, FAILED;

    /** Statuses in which the member's database exists, or is being made. */
    public static final Set<MemberStatus> LIVE = EnumSet.of(PROVISIONING, READY, CLAIMED, DROP_PENDING, RELEASING);

    /** Whether a member may move from this status to another. */
    public boolean canMoveTo(MemberStatus next) {
        Set<MemberStatus> allowed = switch (this) {
            case PROVISIONING -> EnumSet.of(READY, CLAIMED, FAILED);
            case READY -> EnumSet.of(CLAIMED, RELEASING);
            case CLAIMED -> EnumSet.of(DROP_PENDING, RELEASING);
            case DROP_PENDING -> EnumSet.of(RELEASING);
            case RELEASING -> EnumSet.of(DROPPED, FAILED);
            case DROPPED, FAILED -> EnumSet.noneOf(MemberStatus.class);
        };
        return allowed.contains(next);
    }
}
