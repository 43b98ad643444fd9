package dev.petri.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petri.cli.CliRun;
import dev.petri.cli.ExitCodes;
import dev.petri.cli.FakeApi;
import dev.petri.cli.FakeApi.Reply;
import dev.petri.cli.client.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandTest {

    private static final String FILE = """
            version: 1
            columns:
            - schema: public
              table: patients
              column: notes
              class: free_text
              rule: free_text
            """;

    @TempDir
    Path home;

    private FakeApi api;
    private CliRun cli;
    private Path file;

    @BeforeEach
    void startApi() throws Exception {
        api = new FakeApi();
        cli = new CliRun(home).env("PETRI_URL", api.url()).env("PETRI_TOKEN", "tok");
        file = home.resolve("demo.yaml");
        Files.writeString(file, FILE);
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void applySendsTheFileAsItIsAndSaysThatABuildStarts() {
        api.on("PUT", "/api/images/demo/policy", Reply.json(202, "{\"image\":\"demo\",\"changed\":true,\"columns\":1}"));

        CliRun.Result result = cli.run("policy", "apply", file.toString(), "--image", "demo");

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals("policy applied to demo: a new build starts\n", result.out());
        JsonNode sent = Json.parse(api.requests("PUT", "/api/images/demo/policy").get(0).body()).orElseThrow();
        assertEquals(FILE, sent.path("yaml").asText());
    }

    @Test
    void applyingTheSameFileAgainSaysNothingChanged() {
        api.on("PUT", "/api/images/demo/policy", Reply.json(200, "{\"image\":\"demo\",\"changed\":false,\"columns\":1}"));

        CliRun.Result result = cli.run("policy", "apply", file.toString(), "--image", "demo");

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertTrue(result.out().contains("policy unchanged for demo"), result.out());
    }

    @Test
    void anInvalidFileIsRefusedWithTheApisReason() {
        // as the API answers a validation problem: its detail joins the errors it lists
        api.on("PUT", "/api/images/demo/policy", new Reply(400, "{\"type\":\"https://petri.dev/problems/validation\","
                + "\"title\":\"Some fields are not valid\",\"status\":400,\"detail\":\"policy: policy entry 1"
                + " (public.patients.notes) has the unknown key 'rulee'\",\"errors\":"
                + "{\"policy\":\"policy entry 1 (public.patients.notes) has the unknown key 'rulee'\"}}",
                Map.of("Content-Type", "application/problem+json")));

        CliRun.Result result = cli.run("policy", "apply", file.toString(), "--image", "demo");

        assertEquals(ExitCodes.USAGE, result.exitCode(), result.err());
        assertTrue(result.err().contains("policy: policy entry 1 (public.patients.notes) has the unknown key 'rulee'"),
                result.err());
        assertEquals(1, result.err().split("unknown key", -1).length - 1, "said once: " + result.err());
        assertEquals("", result.out());
    }

    @Test
    void applyNeedsTheImageAndAReadableFile() {
        assertEquals(ExitCodes.USAGE, cli.run("policy", "apply", file.toString()).exitCode());
        CliRun.Result missing = cli.run("policy", "apply", home.resolve("gone.yaml").toString(), "--image", "demo");
        assertEquals(ExitCodes.USAGE, missing.exitCode());
        assertTrue(missing.err().contains("cannot read"), missing.err());
        assertTrue(api.requests().isEmpty(), "nothing is sent");
    }

    @Test
    void withRequireAppliedACheckOfAFileTheImageDoesNotApplyFailsAndSaysHowToApplyIt() {
        api.on("POST", "/api/images/demo/policy/check", Reply.json(200, "{\"image\":\"demo\",\"version\":3,"
                + "\"passed\":false,\"applied\":false,\"problems\":[{\"problem\":\"the image does not apply this policy"
                + " (public.patients.notes is not in the applied policy); apply this file with"
                + " 'petri policy apply FILE --image demo'\"}]}"));

        CliRun.Result result = cli.run("policy", "check", "demo", file.toString(), "--require-applied");

        assertEquals(ExitCodes.POLICY_CHECK_FAILED, result.exitCode(), result.err());
        assertTrue(result.err().contains("\n  the image does not apply this policy (public.patients.notes"), result.err());
        assertFalse(result.err().contains("null"), result.err());
        assertEquals("requireApplied=true", api.requests("POST", "/api/images/demo/policy/check").get(0).query());
    }

    @Test
    void byDefaultAChangeNotAppliedYetIsCheckedOnItsOwnAndNoted() {
        api.on("POST", "/api/images/demo/policy/check", Reply.json(200, "{\"image\":\"demo\",\"version\":3,"
                + "\"passed\":true,\"applied\":false,\"problems\":[]}"));

        CliRun.Result result = cli.run("policy", "check", "demo", file.toString());

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertNull(api.requests("POST", "/api/images/demo/policy/check").get(0).query());
        assertTrue(result.out().contains("the image does not apply this file yet"), result.out());
    }

    @Test
    void aCheckStillListsColumnProblems() {
        api.on("POST", "/api/images/demo/policy/check", Reply.json(200, "{\"image\":\"demo\",\"version\":3,"
                + "\"passed\":false,\"applied\":true,\"problems\":[{\"schema\":\"public\",\"table\":\"patients\","
                + "\"column\":\"email\",\"problem\":\"sensitive column (email) has no masking rule\"}]}"));

        CliRun.Result result = cli.run("policy", "check", "demo", file.toString());

        assertEquals(ExitCodes.POLICY_CHECK_FAILED, result.exitCode());
        assertTrue(result.err().contains("  public.patients.email: sensitive column (email) has no masking rule"),
                result.err());
    }
}
