package dev.petri.events;

import java.time.Instant;
import java.util.UUID;

/** An environment's database and login are gone, after a release or an expiry. */
public record EnvironmentDropped(
        UUID eventId,
        Instant time,
        String correlationId,
        String environmentId,
        String imageName,
        String reason) implements PetriEvent {

    @Override
    public String entityId() {
        return environmentId;
    }
}
