package dev.petri.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Someone applied a policy file to an image through the front door: it replaces the image's policy overrides, and a
 * change starts a build as a changed definition does.
 */
public record ImagePolicySubmitted(
        UUID eventId,
        Instant time,
        String correlationId,
        String imageName,
        Map<String, Object> policy,
        String submittedBy) implements PetriEvent {

    @Override
    public String entityId() {
        return imageName;
    }
}
