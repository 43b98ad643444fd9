package dev.petri.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A new version of an image is to be built: mask the source into a staging database. */
public record ImageBuildRequested(
        UUID eventId,
        Instant time,
        String correlationId,
        String imageName,
        int version,
        String engine,
        SourceSpec source,
        Map<String, Object> policy,
        String trigger) implements PetriEvent {

    @Override
    public String entityId() {
        return imageName;
    }
}
