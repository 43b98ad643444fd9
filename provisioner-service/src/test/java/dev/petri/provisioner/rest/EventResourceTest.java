package dev.petri.provisioner.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.common.SecretBox;
import dev.petri.devstack.DevStackTestResource;
import dev.petri.events.PetriEvent;
import dev.petri.events.PoolStatusChanged;
import dev.petri.events.SealedSecret;
import dev.petri.events.Topics;
import dev.petri.provisioner.messaging.EventStream;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The live event stream: every bus event as a server-sent event, with no password or ciphertext in it. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "provisioner"))
@TestProfile(ProvisionerTestProfile.class)
class EventResourceTest {

    @TestHTTPResource("/api/events")
    URL events;
    @Inject
    SecretBox secrets;
    @Inject
    EventStream stream;

    @Test
    void theStreamNeedsAToken() {
        given().when().get("/api/events").then().statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void streamsEveryBusEventWithPasswordsAndCiphertextsRedacted() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> response = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create(events + "?access_token=" + ProvisionerTestProfile.ADMIN_TOKEN))
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> response.join().body().forEach(lines::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            String environmentId = UUID.randomUUID().toString();
            SealedSecret sealed = secrets.seal("pw-on-the-bus-Zq9");
            String ready = awaitLine(lines, line -> line.contains(environmentId),
                    () -> Bus.ready(environmentId, "streamed", sealed));
            assertTrue(ready.startsWith("data:{\"type\":\"petri.environment.ready\""), ready);
            assertTrue(ready.contains("\"password\":\"***\""), ready);
            assertFalse(ready.contains(sealed.ciphertext()), ready);

            String image = "streamed-" + System.nanoTime() % 100000;
            String definition = awaitLine(lines, line -> line.contains(image), () -> given()
                    .header("Authorization", EnvironmentResourceTest.ADMIN).contentType("application/json")
                    .body("{\"engine\":\"postgres\",\"source\":{\"jdbcUrl\":\"jdbc:postgresql://prod/db\","
                            + "\"username\":\"reader\",\"password\":\"hunter2-on-the-bus\"}}")
                    .when().put("/api/images/" + image).then().statusCode(202));
            assertTrue(definition.contains("petri.image.definition-submitted"), definition);
            assertTrue(definition.contains("\"password\":\"***\""), definition);
            for (String line : List.copyOf(lines)) {
                assertFalse(line.contains("hunter2") || line.contains("pw-on-the-bus") || line.contains(sealed.ciphertext()),
                        line);
            }
        } finally {
            close(response);
        }
    }

    @Test
    void eventsAreReadOnlyWhileSomeoneWatches() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> stream.subscribers() == 0);
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(events + "?access_token=" + ProvisionerTestProfile.ADMIN_TOKEN))
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        await().atMost(Duration.ofSeconds(20)).until(() -> stream.subscribers() == 1);
        response.body().close();
        await().atMost(Duration.ofSeconds(20)).until(() -> stream.subscribers() == 0);
    }

    @Test
    void aBurstOfEventsReachesASubscriberCompletelyOnOneConnection() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> response = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create(events + "?access_token=" + ProvisionerTestProfile.ADMIN_TOKEN))
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> response.join().body().forEach(lines::add), "sse-burst-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            String image = "burst-" + System.nanoTime() % 100000;
            awaitLine(lines, line -> line.contains(image), () -> pool(image, 0));
            int burst = 200;
            for (int i = 1; i <= burst; i++) {
                pool(image, i);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Set<Integer> seen = new HashSet<>();
            Pattern ready = Pattern.compile("\"imageName\":\"" + image + "\".*\"ready\":(\\d+)");
            while (seen.size() < burst && System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                Matcher m = line == null ? null : ready.matcher(line);
                if (m != null && m.find() && Integer.parseInt(m.group(1)) > 0) {
                    seen.add(Integer.parseInt(m.group(1)));
                }
            }
            assertEquals(burst, seen.size(), "events of the burst were lost on the stream");
        } finally {
            close(response);
        }
    }

    /** Ends a subscription: the stream's subscriber goes when the connection closes. */
    private static void close(CompletableFuture<HttpResponse<Stream<String>>> response) {
        if (!response.cancel(true) && !response.isCompletedExceptionally()) {
            response.join().body().close();
        }
    }

    private static void pool(String image, int ready) {
        Bus.publish(Topics.POOL_STATUS_CHANGED, new PoolStatusChanged(PetriEvent.newId(), Instant.now(), image, image, 1,
                1000, ready, 0, 0, "template-copy"));
    }

    /** Triggers until a matching line arrives: the stream shows events from the moment it is subscribed. */
    private static String awaitLine(BlockingQueue<String> lines, Predicate<String> wanted, Runnable trigger)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            trigger.run();
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < until) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null && wanted.test(line)) {
                    return line;
                }
            }
        }
        assertNotNull(null, "no matching event arrived on the stream");
        return null;
    }
}
