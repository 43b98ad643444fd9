package dev.petri.events;

import java.time.Instant;
import java.util.UUID;

/** An environment was claimed for a request and its own login works. The password is sealed. */
public record EnvironmentReady(
        UUID eventId,
        Instant time,
        String correlationId,
        String environmentId,
        String imageName,
        int imageVersion,
        String engine,
        String host,
        int port,
        String database,
        String username,
        SealedSecret password,
        Instant expiresAt,
        boolean cold) implements PetriEvent {

    @Override
    public String entityId() {
        return environmentId;
    }
}
