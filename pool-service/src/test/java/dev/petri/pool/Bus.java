package dev.petri.pool;

import dev.petri.events.EventJson;
import dev.petri.events.PetriEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** The real broker seen from a test: publish events as any service would, read raw records back. */
public final class Bus implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    private Bus(List<String> topics) {
        String servers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Starts reading the given topics from their current end. */
    public static Bus listen(String... topics) {
        return new Bus(List.of(topics));
    }

    /** Publishes an event, keyed by its entity, and waits for the broker's acknowledgement. */
    public void publish(String topic, PetriEvent event) {
        try {
            producer.send(new ProducerRecord<>(topic, event.entityId(), EventJson.write(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    /** Waits for the first record on a topic whose JSON matches; fails after the timeout. */
    public ConsumerRecord<String, byte[]> await(String topic, Predicate<String> json, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> found = awaitCount(topic, json, 1, timeout);
        return found.get(0);
    }

    /** Waits until at least {@code count} records on a topic match, and returns them all. */
    public List<ConsumerRecord<String, byte[]>> awaitCount(String topic, Predicate<String> json, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ConsumerRecord<String, byte[]>> found = seen.stream()
                    .filter(r -> r.topic().equals(topic) && json.test(text(r))).toList();
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " matching records on " + topic + " within " + timeout
                        + ", saw " + found.size());
            }
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
    }

    /** Every record on a topic whose JSON matches, after listening for a while longer (to show that none arrives). */
    public List<ConsumerRecord<String, byte[]>> allAfter(Duration quiet, String topic, Predicate<String> json) {
        long until = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < until) {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
        return seen.stream().filter(r -> r.topic().equals(topic) && json.test(text(r))).toList();
    }

    /** Reads an event out of a record. */
    public static <T> T event(ConsumerRecord<String, byte[]> record, Class<T> type) {
        return EventJson.read(text(record), type);
    }

    /** The record's value as text. */
    public static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    /** A predicate matching JSON that carries a field with a value. */
    public static Predicate<String> field(String name, String value) {
        return json -> EventJson.read(json, Map.class).containsKey(name)
                && value.equals(String.valueOf(EventJson.read(json, Map.class).get(name)));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
        consumer.close(Duration.ofSeconds(2));
    }
}
