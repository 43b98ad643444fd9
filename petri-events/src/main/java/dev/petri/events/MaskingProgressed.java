package dev.petri.events;

import java.time.Instant;
import java.util.UUID;

/** Progress of a masking run: which phase, which table, rows done of total. */
public record MaskingProgressed(
        UUID eventId,
        Instant time,
        String correlationId,
        String imageName,
        int version,
        String phase,
        String table,
        long rowsDone,
        long rowsTotal,
        int percent) implements PetriEvent {

    @Override
    public String entityId() {
        return imageName;
    }
}
