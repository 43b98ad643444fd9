package dev.petri.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A masking run failed; nothing is published and the staging database is gone. */
public record MaskingFailed(
        UUID eventId,
        Instant time,
        String correlationId,
        String imageName,
        int version,
        String errorType,
        String reason,
        Map<String, Object> report) implements PetriEvent {

    @Override
    public String entityId() {
        return imageName;
    }
}
