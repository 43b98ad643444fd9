package dev.petri.provisioner.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.petri.events.EventJson;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Every event on the bus, with secrets redacted, broadcast to the live stream's subscribers. */
@ApplicationScoped
public class EventStream {

    private static final int SUBSCRIBER_BUFFER = 10_000;
    private static final Set<String> SECRET_KEYS = Set.of("password", "secret", "token", "ciphertext");

    private final BroadcastProcessor<String> broadcast = BroadcastProcessor.create();
    private final AtomicInteger subscribers = new AtomicInteger();

    /** Every event, redacted and broadcast; with no one watching, dropped unparsed (a claim makes several). */
    @Incoming("event-stream")
    public void onEvent(ConsumerRecord<String, String> record) {
        if (subscribers.get() > 0) {
            broadcast.onNext(toStreamJson(record.topic(), record.value()));
        }
    }

    /** How many subscribers watch the stream now. */
    public int subscribers() {
        return subscribers.get();
    }

    /**
     * The live stream; a subscriber sees events from the moment it subscribes. The broadcast fails a
     * subscriber that has no demand when an event arrives (an SSE writer asks for one at a time), so
     * each subscriber gets its own buffer; one that falls further behind than that is cut off.
     */
    public Multi<String> stream() {
        return broadcast.onOverflow().buffer(SUBSCRIBER_BUFFER)
                .onSubscription().invoke(subscribers::incrementAndGet)
                .onTermination().invoke(subscribers::decrementAndGet);
    }

    /** An event as the stream shows it: its topic as the type, its body with secrets redacted. */
    static String toStreamJson(String topic, String value) {
        ObjectNode out = EventJson.mapper().createObjectNode();
        out.put("type", topic);
        try {
            JsonNode body = EventJson.mapper().readTree(value == null ? "null" : value);
            redact(body);
            out.set("data", body);
        } catch (IOException e) {
            out.put("data", "(not JSON)");
        }
        return out.toString();
    }

    static void redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (SECRET_KEYS.contains(field.getKey().toLowerCase(Locale.ROOT))) {
                    field.setValue(EventJson.mapper().getNodeFactory().textNode("***"));
                } else {
                    redact(field.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(EventStream::redact);
        }
    }
}
