package dev.petri.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.cli.FakeApi.Reply;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorHandlingTest {

    private static final String TOKEN = "very-secret-token";

    @TempDir
    Path home;

    private FakeApi api;
    private CliRun cli;

    @BeforeEach
    void startApi() throws Exception {
        api = new FakeApi();
        cli = new CliRun(home).env("PETRI_URL", api.url()).env("PETRI_TOKEN", TOKEN);
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void aProblemIsPrintedAsTitleAndDetailOnStderr() {
        api.on("GET", "/api/environments", Reply.problem(409, "Conflict", "environment is being released"));

        CliRun.Result result = cli.run("ls");

        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertEquals("petri: Conflict: environment is being released\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void unauthorizedExitsWithTwoAndPointsToLoginWithoutShowingTheToken() {
        api.on("GET", "/api/environments", Reply.problem(401, "Unauthorized", "invalid token"));

        CliRun.Result result = cli.run("ls");

        assertEquals(ExitCodes.NOT_AUTHENTICATED, result.exitCode());
        assertTrue(result.err().startsWith("petri: Unauthorized: invalid token\n"), result.err());
        assertTrue(result.err().contains("petri login"), result.err());
        assertFalse(result.err().contains(TOKEN));
    }

    @Test
    void forbiddenExitsWithTwo() {
        api.on("DELETE", "/api/environments/e1", Reply.problem(403, "Forbidden", "not your environment"));

        assertEquals(ExitCodes.NOT_AUTHENTICATED, cli.run("down", "e1").exitCode());
    }

    @Test
    void serviceUnavailableExitsWithFourAndSaysWhenToRetry() {
        api.on("GET", "/api/images", Reply.problem(503, "Service Unavailable", "starting").header("Retry-After", "7"));

        CliRun.Result result = cli.run("images");

        assertEquals(ExitCodes.UNAVAILABLE, result.exitCode());
        assertEquals("petri: Service Unavailable: starting\n  try again in 7 s\n", result.err());
    }

    @Test
    void aServerErrorWithoutAProblemBodyExitsWithFive() {
        api.on("GET", "/api/images", new Reply(500, "boom", Map.of()));

        CliRun.Result result = cli.run("images");

        assertEquals(ExitCodes.SERVER_ERROR, result.exitCode());
        assertEquals("petri: Server error (HTTP 500 from GET /api/images)\n", result.err());
    }

    @Test
    void anAnswerThatIsNotJsonExitsWithFive() {
        api.on("GET", "/api/environments", new Reply(200, "<html>proxy</html>", Map.of()));

        assertEquals(ExitCodes.SERVER_ERROR, cli.run("ls").exitCode());
    }

    @Test
    void anUnreachableApiExitsWithFour() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        CliRun.Result result = new CliRun(home).env("PETRI_URL", "http://127.0.0.1:" + freePort)
                .env("PETRI_TOKEN", TOKEN).run("ls");

        assertEquals(ExitCodes.UNAVAILABLE, result.exitCode());
        assertTrue(result.err().startsWith("petri: cannot reach the Petri API at http://127.0.0.1:"), result.err());
        assertFalse(result.err().contains(TOKEN));
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CliRun.Result result = cli.run("upp");

        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertTrue(result.err().contains("petri: Unmatched argument"), result.err());
    }

    @Test
    void helpDocumentsEveryCommandAndTheExitCodes() {
        CliRun.Result result = cli.run("--help");

        assertEquals(ExitCodes.OK, result.exitCode());
        for (String word : new String[] {"login", "images", "up", "ls", "down", "extend", "help", "Exit codes:",
                "2   not authenticated", "4   not ready in time", "6   the environment"}) {
            assertTrue(result.out().contains(word), word + " in " + result.out());
        }
        assertEquals(ExitCodes.OK, cli.run("help", "up").exitCode());
    }
}
