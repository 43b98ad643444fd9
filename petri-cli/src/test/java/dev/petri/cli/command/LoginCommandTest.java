package dev.petri.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.cli.CliRun;
import dev.petri.cli.ExitCodes;
import dev.petri.cli.FakeApi;
import dev.petri.cli.FakeApi.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginCommandTest {

    private static final String TOKEN = "s3cr3t-token-value";

    @TempDir
    Path home;

    private FakeApi api;

    @BeforeEach
    void startApi() throws Exception {
        api = new FakeApi().on("GET", "/api/images", Reply.json(200, "[{\"name\":\"demo\"}]"));
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void storesUrlAndTokenInAFileOnlyTheOwnerCanRead() throws Exception {
        CliRun cli = new CliRun(home.resolve("nested"));
        CliRun.Result result = cli.run("login", "--url", api.url(), "--token", TOKEN);

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        Path file = cli.configFile();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String stored = Files.readString(file);
        assertTrue(stored.contains(api.url()), stored);
        assertTrue(stored.contains(TOKEN), stored);
        assertEquals("Bearer " + TOKEN, api.requests("GET", "/api/images").get(0).authorization());
        assertFalse(result.out().contains(TOKEN));
        assertFalse(result.err().contains(TOKEN));
    }

    @Test
    void readsTheTokenFromStdinAndTheUrlFromTheEnvironment() throws Exception {
        CliRun cli = new CliRun(home).env("PETRI_URL", api.url()).stdin("\n  " + TOKEN + "  \n");
        CliRun.Result result = cli.run("login");

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals("Bearer " + TOKEN, api.requests().get(0).authorization());
        assertTrue(Files.readString(cli.configFile()).contains(TOKEN));
    }

    @Test
    void laterCommandsUseTheSavedUrlAndToken() {
        CliRun cli = new CliRun(home);
        cli.run("login", "--url", api.url(), "--token", TOKEN);
        api.on("GET", "/api/environments", Reply.json(200, "[]"));

        CliRun.Result result = cli.run("ls");

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals("Bearer " + TOKEN, api.requests("GET", "/api/environments").get(0).authorization());
    }

    @Test
    void environmentVariablesOverrideTheSavedToken() {
        CliRun saved = new CliRun(home);
        saved.run("login", "--url", api.url(), "--token", TOKEN);
        api.on("GET", "/api/environments", Reply.json(200, "[]"));

        new CliRun(home).env("PETRI_TOKEN", "from-env").run("ls");

        assertEquals("Bearer from-env", api.requests("GET", "/api/environments").get(0).authorization());
    }

    @Test
    void aRejectedTokenExitsWithTwoAndSavesNothing() {
        api.on("GET", "/api/images", Reply.problem(401, "Unauthorized", "unknown token"));
        CliRun cli = new CliRun(home);

        CliRun.Result result = cli.run("login", "--url", api.url(), "--token", TOKEN);

        assertEquals(ExitCodes.NOT_AUTHENTICATED, result.exitCode());
        assertTrue(result.err().startsWith("petri: "), result.err());
        assertTrue(result.err().contains("rejected this token"), result.err());
        assertFalse(result.err().contains(TOKEN));
        assertFalse(Files.exists(cli.configFile()));
    }

    @Test
    void noTokenAtAllIsAUsageError() {
        CliRun.Result result = new CliRun(home).run("login", "--url", api.url());

        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertTrue(result.err().contains("no token given"), result.err());
        assertTrue(api.requests().isEmpty());
    }
}
