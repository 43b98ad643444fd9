package dev.petri.events;

import java.time.Instant;
import java.util.UUID;

/** A pool member moved from one lifecycle status to another (PROVISIONING, READY, CLAIMED, DROP_PENDING, RELEASING, DROPPED, FAILED). */
public record PoolMemberStatusChanged(
        UUID eventId,
        Instant time,
        String correlationId,
        String memberId,
        String imageName,
        int imageVersion,
        String host,
        String fromStatus,
        String toStatus,
        String environmentId) implements PetriEvent {

    @Override
    public String entityId() {
        return memberId;
    }
}
