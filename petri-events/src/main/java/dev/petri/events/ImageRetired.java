package dev.petri.events;

import java.time.Instant;
import java.util.UUID;

/** An image version is retired: no new clones are made of it. */
public record ImageRetired(
        UUID eventId,
        Instant time,
        String correlationId,
        String imageName,
        int version,
        String host,
        String database,
        String reason) implements PetriEvent {

    @Override
    public String entityId() {
        return imageName;
    }
}
