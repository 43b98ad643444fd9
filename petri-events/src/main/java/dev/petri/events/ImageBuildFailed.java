package dev.petri.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The image service failed a build itself (no masking result in time, or the masked staging database
 * could not be published); a failure of the masking run is announced as {@link MaskingFailed}. Nothing is
 * published and the build's staging database is dropped.
 */
public record ImageBuildFailed(
        UUID eventId,
        Instant time,
        String correlationId,
        String imageName,
        int version,
        String errorType,
        String reason) implements PetriEvent {

    @Override
    public String entityId() {
        return imageName;
    }
}
