package dev.petri.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petri.devstack.PetriLocal;
import dev.petri.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The chat and pipeline front doors against the whole system: real Kafka, PostgreSQL, pool and clones. */
class FrontDoorsIT {

    private static final String ADMIN = "it-admin-token-" + UUID.randomUUID();
    private static final String SLACK_SECRET = "it-slack-secret-" + UUID.randomUUID();
    private static final String GITHUB_SECRET = "it-github-secret-" + UUID.randomUUID();

    private final HttpClient http = HttpClient.newHttpClient();
    private String api;

    @Test
    void aSlackUserAndAPullRequestGetWorkingDatabasesFromTheWarmPool() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        boolean built = PetriLocal.SERVICES.keySet().stream().allMatch(service -> Files.exists(
                root.resolve(service + "-service/target/quarkus-app/quarkus-run.jar")));
        Assumptions.assumeTrue(built, "SKIPPED: the four services are not built (./mvnw -B -q -o -DskipTests package)");
        try (PetriLocal petri = PetriLocal.start(new PetriLocal.Options(root, root.resolve(
                "provisioner-service/target/frontdoors-it"), null, 0, ADMIN, false, Map.of(
                "petri.api.slack-signing-secret", SLACK_SECRET,
                "petri.api.github-webhook-secret", GITHUB_SECRET,
                "petri.api.chat-wait", "PT20S")))) {
            api = petri.apiUrl();
            assertEquals(202, send("PUT", "/api/images/demo", petri.demoImageDefinition(1), "application/json",
                    Map.of("Authorization", "Bearer " + ADMIN)).statusCode());
            awaitJson("/api/pools", pools -> pools.path(0).path("ready").asInt() >= 1, Duration.ofMinutes(4));

            String text = EventJson.mapper().readTree(slack("UIT", "up demo").body()).path("text").asText();
            Matcher url = Pattern.compile("jdbc:\\s+(\\S+)").matcher(text);
            Matcher user = Pattern.compile("username: (\\S+)").matcher(text);
            Matcher password = Pattern.compile("password: (\\S+?)(```|\\s)").matcher(text);
            assertTrue(url.find() && user.find() && password.find(), "no connection details in: " + text);
            try (Connection c = DriverManager.getConnection(url.group(1), user.group(1), password.group(1));
                 ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM public.customers")) {
                assertTrue(rs.next() && rs.getLong(1) > 0, "the masked demo data is there");
            }

            String repo = "acme/it-" + System.nanoTime();
            JsonNode opened = EventJson.mapper().readTree(github("opened", repo).body());
            String id = opened.path("environment").path("id").asText();
            awaitJson("/api/environments/" + id, env -> "READY".equals(env.path("status").asText()),
                    Duration.ofSeconds(60));
            assertEquals(202, github("closed", repo).statusCode());
            awaitJson("/api/environments/" + id, env -> "DROPPED".equals(env.path("status").asText()),
                    Duration.ofSeconds(60));
            String metrics = send("GET", "/q/metrics", null, null, Map.of()).body();
            assertTrue(metrics.contains("petri_claims_total{image=\"demo\",outcome=\"ready\"} 2.0"), metrics);
        }
    }

    private HttpResponse<String> slack(String userId, String text) throws IOException, InterruptedException {
        String body = "team_id=T1&user_id=" + userId + "&user_name=it&command=%2Fpetri&text="
                + URLEncoder.encode(text, StandardCharsets.UTF_8);
        String ts = String.valueOf(Instant.now().getEpochSecond());
        return send("POST", "/chat/slack", body, "application/x-www-form-urlencoded", Map.of(
                "X-Slack-Request-Timestamp", ts, "X-Slack-Signature", "v0=" + hmacHex(SLACK_SECRET, "v0:" + ts + ":" + body)));
    }

    private HttpResponse<String> github(String action, String repo) throws IOException, InterruptedException {
        String body = "{\"action\":\"" + action + "\",\"number\":1,\"pull_request\":{\"number\":1,"
                + "\"title\":\"Add a feature\",\"merged\":false},\"repository\":{\"full_name\":\"" + repo + "\"}}";
        return send("POST", "/webhooks/github", body, "application/json", Map.of("X-GitHub-Event", "pull_request",
                "X-GitHub-Delivery", UUID.randomUUID().toString(),
                "X-Hub-Signature-256", "sha256=" + hmacHex(GITHUB_SECRET, body)));
    }

    private void awaitJson(String path, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = EventJson.mapper().readTree(send("GET", path, null, null,
                    Map.of("Authorization", "Bearer " + ADMIN)).body());
            if (done.test(last)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(path + " never got there: " + last);
    }

    private HttpResponse<String> send(String method, String path, String body, String type, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** HMAC-SHA256 of a text, in hex: how Slack and GitHub sign their requests. */
    private static String hmacHex(String secret, String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
