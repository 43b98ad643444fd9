package dev.petri.events;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Someone asked for an environment of an image; the environment id is the request id. */
public record EnvironmentRequested(
        UUID eventId,
        Instant time,
        String correlationId,
        String environmentId,
        String imageName,
        Duration ttl,
        String label,
        String owner) implements PetriEvent {

    @Override
    public String entityId() {
        return environmentId;
    }
}
