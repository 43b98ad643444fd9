package dev.petri.events;

import java.time.Instant;
import java.util.UUID;

/** An environment got a new expiry time. */
public record EnvironmentExtended(
        UUID eventId,
        Instant time,
        String correlationId,
        String environmentId,
        Instant expiresAt) implements PetriEvent {

    @Override
    public String entityId() {
        return environmentId;
    }
}
