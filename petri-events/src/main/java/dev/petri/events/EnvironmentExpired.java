package dev.petri.events;

import java.time.Instant;
import java.util.UUID;

/** An environment outlived its time-to-live and was dropped. */
public record EnvironmentExpired(
        UUID eventId,
        Instant time,
        String correlationId,
        String environmentId,
        String imageName,
        Instant expiredAt) implements PetriEvent {

    @Override
    public String entityId() {
        return environmentId;
    }
}
