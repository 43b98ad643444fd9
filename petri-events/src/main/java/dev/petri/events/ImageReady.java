package dev.petri.events;

import java.time.Instant;
import java.util.UUID;

/** A new, immutable image version is published and can be cloned. */
public record ImageReady(
        UUID eventId,
        Instant time,
        String correlationId,
        String imageName,
        int version,
        String engine,
        String host,
        String database,
        long sizeBytes,
        int poolSize) implements PetriEvent {

    @Override
    public String entityId() {
        return imageName;
    }
}
