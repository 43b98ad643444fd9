package dev.petri.events;

import java.time.Instant;
import java.util.UUID;

/** Someone asked, through the front door, for a new version of an image now. */
public record ImageBuildOrdered(
        UUID eventId,
        Instant time,
        String correlationId,
        String imageName,
        String orderedBy) implements PetriEvent {

    @Override
    public String entityId() {
        return imageName;
    }
}
