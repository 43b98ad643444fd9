package dev.petri.events;

import java.time.Instant;
import java.util.UUID;

/** Common attributes of every Petri event: what happened, when, to which entity, in which flow. */
public interface PetriEvent {

    /** Unique id of this event; consumers use it to drop duplicates. */
    UUID eventId();

    /** When the fact happened. */
    Instant time();

    /** Id that ties together all events of one flow (a build, a request). */
    String correlationId();

    /** Id of the entity the fact is about (image name, environment id ...); also the Kafka key. */
    String entityId();

    /** A fresh event id. */
    static UUID newId() {
        return UUID.randomUUID();
    }
}
