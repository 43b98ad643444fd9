package dev.petri.events;

import java.time.Instant;
import java.util.UUID;

/** A snapshot of one image's pool after a change: how many members are ready, building and claimed. */
public record PoolStatusChanged(
        UUID eventId,
        Instant time,
        String correlationId,
        String imageName,
        int imageVersion,
        int target,
        int ready,
        int provisioning,
        int claimed,
        String cloneMethod) implements PetriEvent {

    @Override
    public String entityId() {
        return imageName;
    }
}
