package dev.petri.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Someone defined or changed an image through the front door. */
public record ImageDefinitionSubmitted(
        UUID eventId,
        Instant time,
        String correlationId,
        String imageName,
        String engine,
        SourceSpec source,
        String refreshCron,
        int poolSize,
        Map<String, Object> policy,
        String submittedBy) implements PetriEvent {

    @Override
    public String entityId() {
        return imageName;
    }
}
