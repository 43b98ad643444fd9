package dev.petri.maskingservice.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.common.SecretBox;
import dev.petri.devstack.DevStack;
import dev.petri.devstack.DevStackTestResource;
import dev.petri.engine.DbNames;
import dev.petri.events.EventJson;
import dev.petri.events.ImageBuildRequested;
import dev.petri.events.MaskingCompleted;
import dev.petri.events.MaskingFailed;
import dev.petri.events.SourceSpec;
import dev.petri.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Build requests arrive on the real broker and end as a masked staging database, or a failure that leaves nothing. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "masking"))
class MaskingRunServiceTest {

    @Inject
    SecretBox secrets;

    @Test
    void aBackupFileIsRestoredPrivatelyMaskedAndTheRestoredCopyIsDropped() throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("psql", "--version").start().waitFor() == 0,
                "psql is not installed (Debian: apt-get install postgresql-client)");
        Path dump = Files.createTempFile("customers", ".sql");
        Files.writeString(dump, "CREATE TABLE customers (id int PRIMARY KEY, email varchar(120) UNIQUE, note text);\n"
                + "INSERT INTO customers VALUES (1, 'ann.lee@example.org', 'call ann'), (2, 'bob.ray@example.org', NULL);\n");
        String image = "bak" + UUID.randomUUID().toString().substring(0, 6);
        publish(new ImageBuildRequested(UUID.randomUUID(), Instant.now(), "c-" + image, image, 1, "postgres",
                new SourceSpec(null, null, null, dump.toString()), Map.of(), "test"));
        MaskingCompleted done = await(Topics.MASKING_COMPLETED, image, MaskingCompleted.class);
        assertEquals(DbNames.staging(image, 1), done.stagingDatabase());
        try (Connection c = DevStack.shared().postgres().connect(done.stagingDatabase());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE email LIKE '%ann.lee%'"
                     + " OR email LIKE '%bob.ray%') FROM customers")) {
            rs.next();
            assertEquals(2, rs.getInt(1), "every row is there");
            assertEquals(0, rs.getInt(2), "no original email is left");
        }
        assertFalse(databaseExists(DbNames.restore(image, 1)), "the restored copy is dropped");
        assertTrue(done.sourceTime() != null);
    }

    @Test
    void aSourceThatRejectsTheCredentialsFailsTheRunAndLeavesNoStagingDatabase() throws Exception {
        String image = "bad" + UUID.randomUUID().toString().substring(0, 6);
        String url = DevStack.shared().postgres().jdbcUrl("postgres");
        publish(new ImageBuildRequested(UUID.randomUUID(), Instant.now(), "c-" + image, image, 1, "postgres",
                new SourceSpec(url, "postgres", secrets.seal("wrong-password-123"), null), Map.of(), "test"));
        MaskingFailed failed = await(Topics.MASKING_FAILED, image, MaskingFailed.class);
        assertEquals("source-authentication", failed.errorType());
        assertFalse(failed.reason().contains("wrong-password-123"), "the password is never echoed");
        assertFalse(databaseExists(DbNames.staging(image, 1)), "no staging database is left");
    }

    @Test
    void aRedeliveredRequestIsAnsweredFromTheRecordWithoutASecondRun() throws Exception {
        String image = "dup" + UUID.randomUUID().toString().substring(0, 6);
        String url = DevStack.shared().postgres().jdbcUrl("postgres");
        ImageBuildRequested request = new ImageBuildRequested(UUID.randomUUID(), Instant.now(), "c-" + image, image, 1,
                "postgres", new SourceSpec(url, "postgres", secrets.seal("nope-nope-123"), null), Map.of(), "test");
        publish(request);
        MaskingFailed first = await(Topics.MASKING_FAILED, image, MaskingFailed.class);
        publish(request);
        List<MaskingFailed> all = awaitAll(Topics.MASKING_FAILED, image, MaskingFailed.class, 2);
        assertEquals(first.eventId(), all.get(1).eventId(), "the same outcome event is published again");
    }

    private static boolean databaseExists(String name) throws Exception {
        try (Connection c = DevStack.shared().postgres().connect("postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
            return rs.next();
        }
    }

    private static void publish(ImageBuildRequested request) {
        Properties p = new Properties();
        p.put("bootstrap.servers", DevStack.shared().kafka().bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.IMAGE_BUILD_REQUESTED, request.entityId(), EventJson.write(request)));
        }
    }

    private static <T> T await(String topic, String image, Class<T> type) {
        return awaitAll(topic, image, type, 1).get(0);
    }

    private static <T> List<T> awaitAll(String topic, String image, Class<T> type, int n) {
        Properties p = new Properties();
        p.put("bootstrap.servers", DevStack.shared().kafka().bootstrapServers());
        p.put("group.id", "test-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        List<T> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (image.equals(r.key())) {
                        found.add(EventJson.read(r.value(), type));
                    }
                }
                return found.size() >= n;
            });
        }
        return found;
    }
}
