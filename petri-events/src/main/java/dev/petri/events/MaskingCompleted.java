package dev.petri.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A masking run finished and passed its leak scan; the staging database is ready to publish. */
public record MaskingCompleted(
        UUID eventId,
        Instant time,
        String correlationId,
        String imageName,
        int version,
        String engine,
        String host,
        String stagingDatabase,
        long sizeBytes,
        Instant sourceTime,
        String policyHash,
        Map<String, Object> report) implements PetriEvent {

    @Override
    public String entityId() {
        return imageName;
    }
}
