package dev.petri.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A released environment is gone for its user: its login is disabled and its database dropped. An expiry
 * is announced as {@link EnvironmentExpired} instead.
 */
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
