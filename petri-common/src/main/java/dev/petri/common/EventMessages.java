package dev.petri.common;

import dev.petri.events.PetriEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Wraps events as Kafka messages keyed by their entity, so each entity's events stay in order. */
public final class EventMessages {

    private EventMessages() {
    }

    /** A message for an event, keyed by its entity id. */
    public static <T extends PetriEvent> Message<T> keyed(T event) {
        return Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.entityId()).build());
    }
}
