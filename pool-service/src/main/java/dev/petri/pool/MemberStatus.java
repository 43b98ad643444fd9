package dev.petri.pool;

import java.util.EnumSet;
import java.util.Set;

/** Lifecycle of a pool member, with every allowed transition in one place. */
public enum MemberStatus {
    PROVISIONING, READY, CLAIMED, RELEASING, DROPPED, FAILED;

    /** Statuses in which the member's database exists, or is being made. */
    public static final Set<MemberStatus> LIVE = EnumSet.of(PROVISIONING, READY, CLAIMED, RELEASING);

    /** Whether a member may move from this status to another. */
    public boolean canMoveTo(MemberStatus next) {
        Set<MemberStatus> allowed = switch (this) {
            case PROVISIONING -> EnumSet.of(READY, CLAIMED, FAILED);
            case READY -> EnumSet.of(CLAIMED, RELEASING);
            case CLAIMED -> EnumSet.of(RELEASING);
            case RELEASING -> EnumSet.of(DROPPED, FAILED);
            case DROPPED, FAILED -> EnumSet.noneOf(MemberStatus.class);
        };
        return allowed.contains(next);
    }
}
