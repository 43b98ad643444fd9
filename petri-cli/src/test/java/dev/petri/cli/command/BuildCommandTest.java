package dev.petri.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.cli.CliRun;
import dev.petri.cli.ExitCodes;
import dev.petri.cli.FakeApi;
import dev.petri.cli.FakeApi.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCommandTest {

    private static final String IDLE = """
            {"name":"demo","status":"READY","latestVersion":2,"versions":[{"version":2,"status":"READY"}]}""";
    private static final String BUILDING = """
            {"name":"demo","status":"BUILDING","latestVersion":3,"progress":{"phase":"mask","table":"public.orders","percent":53},
             "versions":[{"version":3,"status":"BUILDING"},{"version":2,"status":"READY"}]}""";
    private static final String BUILT = """
            {"name":"demo","status":"READY","latestVersion":3,
             "versions":[{"version":3,"status":"READY"},{"version":2,"status":"READY"}]}""";
    private static final String FAILED = """
            {"name":"demo","status":"FAILED","latestVersion":3,
             "versions":[{"version":3,"status":"FAILED","error":{"type":"leak-found","detail":"the leak scan found sensitive values in 1 column(s): public.x.y"}},
                         {"version":2,"status":"READY"}]}""";

    @TempDir
    Path home;

    private FakeApi api;
    private CliRun cli;

    @BeforeEach
    void startApi() throws Exception {
        api = new FakeApi();
        cli = new CliRun(home).env("PETRI_URL", api.url()).env("PETRI_TOKEN", "tok");
        api.on("POST", "/api/images/demo/builds", Reply.json(202, BUILDING));
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void ordersABuildAndFollowsItsProgressUntilTheNewVersionIsReady() {
        api.on("GET", "/api/images/demo", Reply.json(200, IDLE), Reply.json(200, IDLE), Reply.json(200, BUILDING),
                Reply.json(200, BUILT));

        CliRun.Result result = cli.run("build", "demo");

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals("demo v3 READY\n", result.out());
        assertEquals(1, api.requests("POST", "/api/images/demo/builds").size());
        assertTrue(result.err().contains("petri: building image demo v3 [#####-----] 53% mask public.orders"), result.err());
        assertTrue(result.err().contains("image demo v3 is ready"), result.err());
    }

    @Test
    void aFailedBuildExitsWithItsError() {
        api.on("GET", "/api/images/demo", Reply.json(200, IDLE), Reply.json(200, BUILDING), Reply.json(200, FAILED));

        CliRun.Result result = cli.run("build", "demo");

        assertEquals(ExitCodes.FAILED, result.exitCode(), result.err());
        assertTrue(result.err().contains("image demo v3 failed to build: the leak scan found sensitive values"
                + " in 1 column(s): public.x.y (leak-found)"), result.err());
    }

    @Test
    void noWaitOnlyOrdersTheBuild() {
        api.on("GET", "/api/images/demo", Reply.json(200, IDLE));

        CliRun.Result result = cli.run("build", "demo", "--no-wait");

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals("demo v3 ordered\n", result.out());
        assertEquals(1, api.requests("GET", "/api/images/demo").size());
    }

    @Test
    void anUnknownImageIsNotFound() {
        CliRun.Result result = cli.run("build", "nope");

        assertEquals(ExitCodes.NOT_FOUND, result.exitCode(), result.err());
        assertTrue(api.requests("POST", "/api/images/nope/builds").isEmpty(), "nothing is ordered");
    }
}
