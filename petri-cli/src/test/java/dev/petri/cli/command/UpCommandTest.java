package dev.petri.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petri.cli.CliRun;
import dev.petri.cli.ExitCodes;
import dev.petri.cli.FakeApi;
import dev.petri.cli.FakeApi.Reply;
import dev.petri.cli.client.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpCommandTest {

    static final String READY = """
            {"id":"env-42","image":"demo","imageVersion":3,"status":"READY",
             "jdbcUrl":"jdbc:postgresql://127.0.0.1:5433/petri_env_42",
             "host":"127.0.0.1","port":5433,"database":"petri_env_42",
             "username":"u_env42","password":"p@ss w'rd$1\\"x","expiresAt":"2099-01-01T00:00:00Z"}""";
    static final String REQUESTED = "{\"id\":\"env-42\",\"image\":\"demo\",\"status\":\"REQUESTED\"}";
    static final String PROVISIONING = "{\"id\":\"env-42\",\"image\":\"demo\",\"status\":\"PROVISIONING\"}";

    @TempDir
    Path home;

    private FakeApi api;
    private CliRun cli;

    @BeforeEach
    void startApi() throws Exception {
        api = new FakeApi();
        cli = new CliRun(home).env("PETRI_URL", api.url()).env("PETRI_TOKEN", "tok");
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void printsTheJdbcUrlAndAPsqlLineWhenTheEnvironmentIsReadyAtOnce() {
        api.on("POST", "/api/environments", Reply.json(201, READY));

        CliRun.Result result = cli.run("up", "demo", "--ttl", "8h", "--label", "my test");

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals("jdbc:postgresql://127.0.0.1:5433/petri_env_42\n"
                + "psql \"postgresql://u_env42:p%40ss%20w%27rd%241%22x@127.0.0.1:5433/petri_env_42\"\n",
                result.out());
        FakeApi.Request request = api.requests("POST", "/api/environments").get(0);
        assertEquals("wait=PT60S", request.query());
        JsonNode body = Json.parse(request.body()).orElseThrow();
        assertEquals("demo", body.get("image").asText());
        assertEquals("PT8H", body.get("ttl").asText());
        assertEquals("my test", body.get("label").asText());
        assertTrue(result.err().contains("environment env-42 is ready"), result.err());
    }

    @Test
    void pollsTheEnvironmentAfterAnAcceptedRequestUntilItIsReady() {
        api.on("POST", "/api/environments",
                Reply.json(202, REQUESTED).header("Location", "/api/environments/env-42"));
        api.on("GET", "/api/environments/env-42",
                Reply.json(200, REQUESTED), Reply.json(200, PROVISIONING), Reply.json(200, READY));
        api.on("GET", "/api/images/demo", Reply.json(200, "{\"name\":\"demo\",\"status\":\"READY\"}"));

        CliRun.Result result = cli.run("up", "demo");

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("jdbc:postgresql://127.0.0.1:5433/petri_env_42"), result.out());
        assertEquals(3, api.requests("GET", "/api/environments/env-42").size());
        assertTrue(result.err().contains("petri: waiting for environment env-42 (PROVISIONING)"), result.err());
    }

    @Test
    void findsTheEnvironmentIdInTheLocationHeaderWhenTheBodyHasNone() {
        api.on("POST", "/api/environments",
                Reply.json(202, "{\"status\":\"REQUESTED\"}").header("Location", "http://x/api/environments/env-42"));
        api.on("GET", "/api/environments/env-42", Reply.json(200, READY));

        assertEquals(ExitCodes.OK, cli.run("up", "demo").exitCode());
    }

    @Test
    void showsTheImageBuildProgressBarWhileTheImageIsBuilding() {
        api.on("POST", "/api/environments", Reply.json(202, REQUESTED));
        api.on("GET", "/api/environments/env-42",
                Reply.json(200, REQUESTED), Reply.json(200, REQUESTED), Reply.json(200, READY));
        api.on("GET", "/api/images/demo",
                Reply.json(200, building(12, "copying", null)),
                Reply.json(200, building(47, "masking", "customers")));

        CliRun.Result result = cli.run("up", "demo");

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertTrue(result.err().contains("petri: building image demo [#---------] 12% copying\n"), result.err());
        assertTrue(result.err().contains("petri: building image demo [#####-----] 47% masking customers\n"),
                result.err());
    }

    @Test
    void drawsASpinnerWithElapsedTimeOnATerminal() {
        api.on("POST", "/api/environments", Reply.json(202, REQUESTED));
        api.on("GET", "/api/environments/env-42", Reply.json(200, REQUESTED), Reply.json(200, READY));
        api.on("GET", "/api/images/demo", Reply.json(200, building(47, "masking", "customers")));

        CliRun.Result result = cli.interactive().run("up", "demo");

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertTrue(result.err().contains("\r| requesting an environment from image demo (0s)\u001b[K"), result.err());
        assertTrue(result.err().contains("building image demo [#####-----] 47% masking customers (0s)"), result.err());
        assertTrue(result.err().contains("\r\u001b[K"), "the spinner line is cleared");
    }

    @Test
    void envFormatIsValidInputForEvalInBash() throws Exception {
        api.on("POST", "/api/environments", Reply.json(201, READY));

        CliRun.Result result = cli.run("up", "demo", "--format", "env");

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        String shown = bash(result.out(), "echo \"$PGUSER|$PGPASSWORD|$PGHOST|$PGPORT|$PGDATABASE|$PETRI_ENV_ID\"; "
                + "echo \"$JDBC_URL\"; echo \"$DATABASE_URL\"");
        assertEquals("u_env42|p@ss w'rd$1\"x|127.0.0.1|5433|petri_env_42|env-42\n"
                + "jdbc:postgresql://127.0.0.1:5433/petri_env_42\n"
                + "postgresql://u_env42:p%40ss%20w%27rd%241%22x@127.0.0.1:5433/petri_env_42\n", shown);
    }

    @Test
    void jsonFormatPrintsTheEnvironmentAsTheApiSentIt() {
        api.on("POST", "/api/environments", Reply.json(201, READY));

        CliRun.Result result = cli.run("up", "demo", "--format", "json", "--quiet");

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals(READY + "\n", result.out());
        assertEquals("", result.err());
    }

    @Test
    void usesTheOnlyImageWhenNoneIsNamed() {
        api.on("GET", "/api/images", Reply.json(200, "[{\"name\":\"clinic\",\"status\":\"READY\"}]"));
        api.on("POST", "/api/environments", Reply.json(201, READY));

        assertEquals(ExitCodes.OK, cli.run("up").exitCode());
        assertEquals("clinic", Json.parse(api.requests("POST", "/api/environments").get(0).body())
                .orElseThrow().get("image").asText());
    }

    @Test
    void refusesToGuessAmongSeveralImagesAndListsThem() {
        api.on("GET", "/api/images", Reply.json(200, "[{\"name\":\"clinic\"},{\"name\":\"shop\"}]"));

        CliRun.Result result = cli.run("up");

        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertTrue(result.err().contains("several images exist"), result.err());
        assertTrue(result.err().contains("  clinic\n  shop"), result.err());
        assertTrue(api.requests("POST", "/api/environments").isEmpty());
    }

    @Test
    void aFailedEnvironmentExitsWithSix() {
        api.on("POST", "/api/environments", Reply.json(202, REQUESTED));
        api.on("GET", "/api/environments/env-42",
                Reply.json(200, "{\"id\":\"env-42\",\"status\":\"FAILED\",\"error\":\"clone failed\"}"));

        CliRun.Result result = cli.run("up", "demo");

        assertEquals(ExitCodes.FAILED, result.exitCode());
        assertTrue(result.err().contains("petri: environment env-42 failed: clone failed"), result.err());
        assertEquals("", result.out());
    }

    @Test
    void aFailedImageBuildWithoutAReadyVersionExitsWithSix() {
        api.on("POST", "/api/environments", Reply.json(202, REQUESTED));
        api.on("GET", "/api/environments/env-42", Reply.json(200, REQUESTED));
        api.on("GET", "/api/images/demo",
                Reply.json(200, "{\"name\":\"demo\",\"status\":\"FAILED\",\"error\":\"leak scan found 3 values\"}"));

        CliRun.Result result = cli.run("up", "demo");

        assertEquals(ExitCodes.FAILED, result.exitCode());
        assertTrue(result.err().contains("image demo failed to build: leak scan found 3 values"), result.err());
    }

    @Test
    void anEnvironmentNotReadyInTimeExitsWithFourAndSaysHowToFollowUp() {
        api.on("POST", "/api/environments", Reply.json(202, REQUESTED));
        api.on("GET", "/api/environments/env-42", Reply.json(200, PROVISIONING));
        api.on("GET", "/api/images/demo", Reply.json(200, "{\"name\":\"demo\",\"status\":\"READY\"}"));

        CliRun.Result result = cli.run("up", "demo", "--timeout", "1s");

        assertEquals(ExitCodes.UNAVAILABLE, result.exitCode());
        assertTrue(result.err().contains("environment env-42 is not ready after 1s (status PROVISIONING)"),
                result.err());
        assertTrue(result.err().contains("petri down env-42"), result.err());
        assertEquals("wait=PT1S", api.requests("POST", "/api/environments").get(0).query());
    }

    @Test
    void retriesAfterServiceUnavailableAsRetryAfterAsks() {
        api.on("POST", "/api/environments",
                Reply.problem(503, "Service Unavailable", "pool is refilling").header("Retry-After", "1"),
                Reply.json(201, READY));

        CliRun.Result result = cli.run("up", "demo");

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals(2, api.requests("POST", "/api/environments").size());
        assertTrue(result.err().contains("the API is busy (503), trying again in 1s"), result.err());
    }

    @Test
    void anUnknownImageExitsWithThree() {
        api.on("POST", "/api/environments", Reply.problem(404, "Image not found", "no image named nope"));

        CliRun.Result result = cli.run("up", "nope");

        assertEquals(ExitCodes.NOT_FOUND, result.exitCode());
        assertTrue(result.err().contains("petri: Image not found: no image named nope"), result.err());
    }

    @Test
    void aMalformedTtlIsAUsageErrorAndSendsNothing() {
        CliRun.Result result = cli.run("up", "demo", "--ttl", "soon");

        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertTrue(result.err().contains("invalid duration 'soon'"), result.err());
        assertTrue(api.requests().isEmpty());
    }

    private static String building(int percent, String phase, String table) {
        return "{\"name\":\"demo\",\"status\":\"BUILDING\",\"latestReadyVersion\":null,\"progress\":{\"percent\":"
                + percent + ",\"phase\":\"" + phase + "\"" + (table == null ? "" : ",\"table\":\"" + table + "\"") + "}}";
    }

    private static String bash(String exports, String then) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "eval \"$OUT\"; " + then).redirectErrorStream(true);
        builder.environment().put("OUT", exports);
        builder.environment().remove("PGUSER");
        Process run = builder.start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, run.exitValue(), output);
        assertFalse(output.contains("command not found"), output);
        return output;
    }
}
