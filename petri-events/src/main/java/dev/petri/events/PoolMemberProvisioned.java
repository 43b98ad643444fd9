package dev.petri.events;

import java.time.Instant;
import java.util.UUID;

/** A warm pool gained a READY member. */
public record PoolMemberProvisioned(
        UUID eventId,
        Instant time,
        String correlationId,
        String memberId,
        String imageName,
        int imageVersion,
        String host,
        String database,
        String cloneMethod,
        long cloneMillis) implements PetriEvent {

    @Override
    public String entityId() {
        return memberId;
    }
}
