package dev.petri.provisioner.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.petri.events.EnvironmentReady;
import dev.petri.events.EventJson;
import dev.petri.events.ImageReady;
import dev.petri.events.PetriEvent;
import dev.petri.events.SealedSecret;
import dev.petri.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Plays the other services in tests: publishes their events on the real broker, as they would. */
final class Bus {

    private static KafkaProducer<String, String> producer;

    private Bus() {
    }

    /** Publishes an event to a topic, keyed by its entity, and waits until the broker has it. */
    static synchronized void publish(String topic, PetriEvent event) {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
            props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topic, event.entityId(), EventJson.write(event))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    /** The events on a topic about one entity, read from the start until the topic has been quiet for a moment. */
    static <T> List<T> events(String topic, String entityId, Class<T> type) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long quietUntil = System.currentTimeMillis() + 3000;
            while (System.currentTimeMillis() < quietUntil) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (entityId.equals(r.key())) {
                        out.add(EventJson.read(r.value(), type));
                    }
                    quietUntil = Math.max(quietUntil, System.currentTimeMillis() + 1000);
                }
            }
        }
        return out;
    }

    /** Defines an image (if needed) and makes version 1 ready, as the image service would. */
    static void usableImage(String name) {
        given().header("Authorization", EnvironmentResourceTest.ADMIN).contentType("application/json")
                .body("{\"engine\":\"postgres\",\"source\":{\"backupFile\":\"/backups/" + name + ".dump\"},"
                        + "\"pool\":{\"size\":2}}")
                .when().put("/api/images/" + name).then().statusCode(202);
        publish(Topics.IMAGE_READY, new ImageReady(PetriEvent.newId(), Instant.now(), name, name, 1,
                "postgres", "127.0.0.1", name + "_v1", 1024, 2));
        await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(given()
                .header("Authorization", EnvironmentResourceTest.ADMIN).when().get("/api/images/" + name)
                .then().extract().path("usable")));
    }

    /** Answers an environment request as the pool service would: ready, with a sealed password. */
    static void ready(String environmentId, String image, SealedSecret password) {
        publish(Topics.ENVIRONMENT_READY, new EnvironmentReady(PetriEvent.newId(), Instant.now(),
                environmentId, environmentId, image, 1, "postgres", "127.0.0.1", 5432, "env_" + environmentId.substring(0, 8),
                "u_" + environmentId.substring(0, 8), password, Instant.now().plus(Duration.ofHours(8)), false));
    }

    /** An environment as an admin sees it. */
    static Map<String, Object> environment(String id) {
        return given().header("Authorization", EnvironmentResourceTest.ADMIN).when().get("/api/environments/" + id)
                .then().statusCode(200).extract().jsonPath().getMap("");
    }
}
