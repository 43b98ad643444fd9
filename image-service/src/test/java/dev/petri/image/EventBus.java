package dev.petri.image;

import dev.petri.devstack.DevStack;
import dev.petri.events.EventJson;
import dev.petri.events.PetriEvent;
import dev.petri.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The test's own Kafka client on the real broker: publishes events as JSON and reads what the service emits. */
public final class EventBus implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    /** Connects to the shared dev stack's broker and follows the given topics from their beginning. */
    public EventBus(String... topics) {
        DevStack stack = DevStack.shared();
        try {
            stack.kafka().createTopics(Topics.ALL, 4);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "image-test-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topics));
    }

    /** Publishes an event keyed by its entity and waits for the broker's acknowledgement. */
    public void publish(String topic, PetriEvent event) {
        try {
            producer.send(new ProducerRecord<>(topic, event.entityId(), EventJson.write(event))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing to " + topic + " failed", e.getCause());
        }
    }

    /** The first event on a topic that matches, waiting up to 30 seconds; fails when none arrives. */
    public <T> T await(String topic, Class<T> type, Predicate<T> match) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<T> found = matching(topic, type, match);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching " + type.getSimpleName() + " on " + topic + " within 30 s");
            }
            poll(Duration.ofMillis(200));
        }
    }

    /** Every matching event on a topic after listening for a while longer (to show that nothing more arrives). */
    public <T> List<T> allAfter(Duration quiet, String topic, Class<T> type, Predicate<T> match) {
        long until = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < until) {
            poll(Duration.ofMillis(200));
        }
        return matching(topic, type, match);
    }

    private void poll(Duration timeout) {
        consumer.poll(timeout).forEach(seen::add);
    }

    private <T> List<T> matching(String topic, Class<T> type, Predicate<T> match) {
        return seen.stream().filter(r -> r.topic().equals(topic)).map(r -> EventJson.read(r.value(), type))
                .filter(match).toList();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
        consumer.close(Duration.ofSeconds(2));
    }
}
