package dev.petri.events;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The owner asked for more time; the pool bounds it by its configured maximum. */
public record EnvironmentExtendRequested(
        UUID eventId,
        Instant time,
        String correlationId,
        String environmentId,
        Duration extension) implements PetriEvent {

    @Override
    public String entityId() {
        return environmentId;
    }
}
