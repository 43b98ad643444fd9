package dev.petri.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.cli.CliRun;
import dev.petri.cli.ExitCodes;
import dev.petri.cli.FakeApi;
import dev.petri.cli.FakeApi.Reply;
import dev.petri.cli.client.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListAndManageCommandsTest {

    private static final String ENVIRONMENTS = """
            [{"id":"env-1","image":"demo","imageVersion":3,"status":"READY","label":"pr-17",
              "expiresAt":"2026-11-26T10:00:00Z"},
             {"id":"env-22","image":"clinic","imageVersion":12,"status":"PROVISIONING","label":null,
              "expiresAt":"2026-11-26T07:00:00Z"}]""";

    @TempDir
    Path home;

    private FakeApi api;
    private CliRun cli;

    @BeforeEach
    void startApi() throws Exception {
        api = new FakeApi();
        cli = new CliRun(home).env("PETRI_URL", api.url()).env("PETRI_TOKEN", "tok")
                .clock(Clock.fixed(Instant.parse("2026-11-26T08:30:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void lsPrintsAnAlignedTableWithTimeLeft() {
        api.on("GET", "/api/environments", Reply.json(200, ENVIRONMENTS));

        CliRun.Result result = cli.run("ls");

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals("""
                ID      IMAGE   VERSION  STATUS        LABEL  EXPIRES
                env-1   demo    3        READY         pr-17  in 1h30m
                env-22  clinic  12       PROVISIONING  -      expired
                """, result.out());
    }

    @Test
    void lsPrintsTheApiJsonOnRequest() {
        api.on("GET", "/api/environments", Reply.json(200, ENVIRONMENTS));

        CliRun.Result result = cli.run("ls", "--format", "json");

        assertEquals(Json.parse(ENVIRONMENTS), Json.parse(result.out()));
    }

    @Test
    void lsWithNothingToShowSaysSoOnStderrOnly() {
        api.on("GET", "/api/environments", Reply.json(200, "[]"));

        CliRun.Result result = cli.run("ls");

        assertEquals(ExitCodes.OK, result.exitCode());
        assertEquals("", result.out());
        assertTrue(result.err().contains("no environments"), result.err());
    }

    @Test
    void imagesShowsBuildProgressAndFailures() {
        api.on("GET", "/api/images", Reply.json(200, """
                [{"name":"demo","engine":"postgres","status":"BUILDING","latestVersion":4,"latestReadyVersion":3,
                  "progress":{"percent":47,"phase":"masking","table":"customers"},"pool":{"size":5}},
                 {"name":"shop","engine":"sqlserver","status":"FAILED","latestVersion":1,"error":"source unreachable"}]
                """));

        CliRun.Result result = cli.run("images");

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals("""
                NAME  ENGINE     STATUS    READY-VERSION  POOL  PROGRESS
                demo  postgres   BUILDING  3              5     [#####-----] 47% masking customers
                shop  sqlserver  FAILED    -              -     source unreachable
                """, result.out());
    }

    @Test
    void downReleasesTheEnvironment() {
        api.on("DELETE", "/api/environments/env-1", new Reply(204, null, Map.of()));

        CliRun.Result result = cli.run("down", "env-1");

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals("Released environment env-1.\n", result.out());
        assertEquals("Bearer tok", api.requests("DELETE", "/api/environments/env-1").get(0).authorization());
    }

    @Test
    void downOfAnUnknownEnvironmentExitsWithThree() {
        api.on("DELETE", "/api/environments/nope", Reply.problem(404, "Environment not found", "no environment nope"));

        CliRun.Result result = cli.run("down", "nope");

        assertEquals(ExitCodes.NOT_FOUND, result.exitCode());
        assertEquals("petri: Environment not found: no environment nope\n", result.err());
    }

    @Test
    void extendSendsTheDurationAsIso8601() {
        api.on("POST", "/api/environments/env-1/extend",
                Reply.json(200, "{\"id\":\"env-1\",\"status\":\"READY\",\"expiresAt\":\"2026-11-26T10:30:00Z\"}"));

        for (String typed : new String[] {"2h", "PT2H", "120m", "pt2h"}) {
            CliRun.Result result = cli.run("extend", "env-1", typed);
            assertEquals(ExitCodes.OK, result.exitCode(), result.err());
            assertEquals("Environment env-1 now expires at 2026-11-26T10:30:00Z (in 2h).\n", result.out());
        }
        cli.run("extend", "env-1", "1d");
        cli.run("extend", "env-1", "1h30m");
        assertEquals(List.of("PT2H", "PT2H", "PT2H", "PT2H", "PT24H", "PT1H30M"),
                api.requests("POST", "/api/environments/env-1/extend").stream()
                        .map(r -> Json.parse(r.body()).orElseThrow().get("ttl").asText()).toList());
    }

    @Test
    void extendWithAMalformedDurationIsAUsageErrorAndSendsNothing() {
        CliRun.Result result = cli.run("extend", "env-1", "two hours");

        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertTrue(result.err().contains("invalid duration 'two hours'"), result.err());
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void extendBeyondTheMaximumShowsTheProblemAndItsFieldErrors() {
        api.on("POST", "/api/environments/env-1/extend", Reply.json(422, """
                {"type":"https://petri.dev/problems/validation","title":"Invalid request","status":422,
                 "detail":"ttl exceeds the maximum","errors":{"ttl":"at most PT24H"}}"""));

        CliRun.Result result = cli.run("extend", "env-1", "3d");

        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertEquals("petri: Invalid request: ttl exceeds the maximum\n  ttl: at most PT24H\n", result.err());
    }
}
