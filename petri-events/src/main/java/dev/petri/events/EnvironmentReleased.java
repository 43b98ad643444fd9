package dev.petri.events;

import java.time.Instant;
import java.util.UUID;

/** The owner (or a webhook, or an admin) released an environment: drop it, revoke its login. */
public record EnvironmentReleased(
        UUID eventId,
        Instant time,
        String correlationId,
        String environmentId,
        String releasedBy) implements PetriEvent {

    @Override
    public String entityId() {
        return environmentId;
    }
}
