package dev.petri.provisioner.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.petri.common.SecretBox;
import dev.petri.devstack.DevStackTestResource;
import dev.petri.events.EnvironmentFailed;
import dev.petri.events.PetriEvent;
import dev.petri.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Slack slash command: signed, answered at once, the connection details posted to response_url when ready. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "provisioner"))
@TestProfile(ProvisionerTestProfile.class)
class SlackResourceTest {

    static final String IMAGE = "chat";
    static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";
    private static final Pattern ID = Pattern.compile("`([0-9a-f]{8}-[0-9a-f-]{27})`");

    @Inject
    SecretBox secrets;

    @BeforeEach
    void imageIsReady() {
        Bus.usableImage(IMAGE);
    }

    @Test
    void answersHelpAtOnceAsAnEphemeralMessage() {
        slack("U0HELP", "help", null).then().statusCode(200).contentType(startsWith("application/json"))
                .body("response_type", equalTo("ephemeral"))
                .body("text", containsString("/petri up [image]"));
    }

    @Test
    void refusesABadSignatureAndDoesNothing() {
        String body = form("U0BAD", "up " + IMAGE, null);
        String ts = String.valueOf(Instant.now().getEpochSecond());
        given().contentType(FORM).header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", sign("not-the-secret", ts, body))
                .body(body)
                .when().post("/chat/slack")
                .then().statusCode(401).contentType(startsWith("application/problem+json"))
                .body("type", containsString("bad-signature"))
                .body(not(containsString(ProvisionerTestProfile.SLACK_SECRET)));
        given().contentType(FORM).body(body)
                .when().post("/chat/slack")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().header("Authorization", EnvironmentResourceTest.ADMIN).when().get("/api/environments")
                .then().statusCode(200).body("findAll { it.owner == 'slack:U0BAD' }.size()", equalTo(0));
    }

    @Test
    void refusesATimestampOlderThanFiveMinutesEvenWhenSignedRight() {
        String body = form("U0OLD", "ls", null);
        String ts = String.valueOf(Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());
        given().contentType(FORM).header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", sign(ProvisionerTestProfile.SLACK_SECRET, ts, body))
                .body(body)
                .when().post("/chat/slack")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void upAnswersAtOnceThenPostsTheConnectionDetailsToTheResponseUrlWhenReady() throws Exception {
        try (ChatServer chat = new ChatServer()) {
            long start = System.nanoTime();
            Response answer = slack("U0ADA", "up " + IMAGE, chat.responseUrl());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            answer.then().statusCode(200).body("response_type", equalTo("ephemeral"))
                    .body("text", containsString("connection details follow"));
            assertTrue(millis < 3000, "Slack wants an answer within 3 s; took " + millis + " ms");
            String id = idIn(answer.path("text"));
            assertEquals("slack:U0ADA", Bus.environment(id).get("owner"));
            assertEquals("slack:@ada.lovelace", Bus.environment(id).get("label"));

            Bus.ready(id, IMAGE, secrets.seal("pw-for-ada-7Qx"));
            String reply = chat.posted.poll(20, TimeUnit.SECONDS);
            assertNotNull(reply, "nothing was posted to the response_url");
            assertTrue(reply.startsWith("application/json"), reply);
            assertTrue(reply.contains("\"replace_original\":false"), reply);
            assertTrue(reply.contains("jdbc:postgresql://127.0.0.1:5432/env_"), reply);
            assertTrue(reply.contains("pw-for-ada-7Qx"), reply);
            assertTrue(reply.contains(id), reply);
            Thread.sleep(1000);
            assertTrue(chat.posted.isEmpty(), "the reply was posted more than once");
        }
    }

    @Test
    void aFailedEnvironmentIsReportedToTheResponseUrl() throws Exception {
        try (ChatServer chat = new ChatServer()) {
            String id = idIn(slack("U0FAIL", "up " + IMAGE, chat.responseUrl()).then().statusCode(200)
                    .extract().path("text"));
            Bus.publish(Topics.ENVIRONMENT_FAILED, new EnvironmentFailed(PetriEvent.newId(), Instant.now(), id, id, IMAGE,
                    "capacity", "no database host has room"));
            String reply = chat.posted.poll(20, TimeUnit.SECONDS);
            assertNotNull(reply, "nothing was posted to the response_url");
            assertTrue(reply.contains(":x:") && reply.contains("no database host has room") && reply.contains(id), reply);
        }
    }

    @Test
    void lsAndDownSeeOnlyTheSlackUsersOwnEnvironments() {
        String id = idIn(slack("U0BOB", "up " + IMAGE, null).then().statusCode(200).extract().path("text"));
        slack("U0EVE", "ls", null).then().statusCode(200).body("text", containsString("no environments"));
        slack("U0EVE", "down " + id, null).then().statusCode(200)
                .body("text", containsString("Not found")).body("text", containsString(id));
        assertEquals("REQUESTED", Bus.environment(id).get("status"));
        slack("U0BOB", "ls", null).then().statusCode(200).body("text", containsString(id));
        slack("U0BOB", "down " + id, null).then().statusCode(200).body("text", containsString("RELEASING"));
        assertEquals("RELEASING", Bus.environment(id).get("status"));
    }

    @Test
    void upWithoutAnImageUsesTheConfiguredOneAndAnUnknownImageIsExplained() {
        Bus.usableImage(ProvisionerTestProfile.WEBHOOK_IMAGE);
        String id = idIn(slack("U0DEF", "up", null).then().statusCode(200).extract().path("text"));
        assertEquals(ProvisionerTestProfile.WEBHOOK_IMAGE, Bus.environment(id).get("image"));
        slack("U0DEF", "up no-such-image", null).then().statusCode(200)
                .body("response_type", equalTo("ephemeral")).body("text", containsString("no-such-image"));
    }

    private static String idIn(String text) {
        Matcher m = ID.matcher(text);
        assertTrue(m.find(), "no environment id in: " + text);
        return m.group(1);
    }

    /** Posts a slash command exactly as Slack does: form-encoded, timestamped and signed. */
    static Response slack(String userId, String text, String responseUrl) {
        String body = form(userId, text, responseUrl);
        String ts = String.valueOf(Instant.now().getEpochSecond());
        return given().contentType(FORM).header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", sign(ProvisionerTestProfile.SLACK_SECRET, ts, body))
                .body(body)
                .when().post("/chat/slack");
    }

    static String form(String userId, String text, String responseUrl) {
        return "token=legacy&team_id=T1&team_domain=acme&channel_id=C1&channel_name=dev&user_id=" + userId
                + "&user_name=ada.lovelace&command=%2Fpetri&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                + (responseUrl == null ? "" : "&response_url=" + URLEncoder.encode(responseUrl, StandardCharsets.UTF_8))
                + "&trigger_id=1.2.3";
    }

    static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Plays Slack's response_url: a local HTTP server that keeps what is posted to it. */
    static final class ChatServer implements AutoCloseable {

        final BlockingQueue<String> posted = new LinkedBlockingQueue<>();
        private final HttpServer server;

        ChatServer() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/commands/T1/42/abc", exchange -> {
                posted.add(exchange.getRequestHeaders().getFirst("Content-Type") + " "
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String responseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/commands/T1/42/abc";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
