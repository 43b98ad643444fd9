package dev.petri.events;

import java.time.Instant;
import java.util.UUID;

/** An environment request could not be served. */
public record EnvironmentFailed(
        UUID eventId,
        Instant time,
        String correlationId,
        String environmentId,
        String imageName,
        String errorType,
        String reason) implements PetriEvent {

    @Override
    public String entityId() {
        return environmentId;
    }
}
