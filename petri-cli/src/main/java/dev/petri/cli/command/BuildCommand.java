package dev.petri.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petri.cli.CliContext;
import dev.petri.cli.CliException;
import dev.petri.cli.DurationConverter;
import dev.petri.cli.Durations;
import dev.petri.cli.ExitCodes;
import dev.petri.cli.PetriCli;
import dev.petri.cli.client.ApiClient;
import dev.petri.cli.client.ApiException;
import dev.petri.cli.client.Json;
import dev.petri.cli.output.ProgressDisplay;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code petri build IMAGE}: orders a new version of an image and follows its build with a progress bar
 * until it is ready or failed.
 */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {
            "Build a new version of an image now (admins) and follow it with a progress bar.",
            "A build already running finishes first; the new one follows it."
        })
public final class BuildCommand implements Callable<Integer> {

    @ParentCommand
    private PetriCli root;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "the image (see 'petri images')")
    private String image;

    @Option(names = "--no-wait", description = "order the build and return at once")
    private boolean noWait;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2h", converter = DurationConverter.class,
            description = "how long to follow the build (default: 2h); exit code 4 after that")
    private Duration timeout;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    private boolean quiet;

    private CliContext context;
    private ApiClient api;
    private ProgressDisplay display;

    @Override
    public Integer call() {
        context = root.context();
        api = root.api();
        display = new ProgressDisplay(context.err(), context.interactiveErr(), quiet, context.clock());
        String path = "/api/images/" + ApiClient.segment(image);
        try {
            // the new build is the first version after the latest one now (a running build finishes first)
            int before = version(api.get(path).json().get("latestVersion"));
            api.post(path + "/builds", Json.object());
            int target = before + 1;
            if (noWait) {
                context.out().println(image + " v" + target + " ordered");
                return ExitCodes.OK;
            }
            JsonNode version = follow(path, target, context.clock().instant().plus(timeout));
            display.finish();
            String status = Json.text(version, "status");
            if ("FAILED".equals(status)) {
                JsonNode error = version.path("error");
                throw new CliException(ExitCodes.FAILED, "image " + image + " v" + target + " failed to build"
                        + (error.isObject() ? ": " + Json.text(error, "detail") + " (" + Json.text(error, "type") + ")" : ""));
            }
            context.out().println(image + " v" + target + " " + status);
            if (!quiet) {
                context.err().println("petri: image " + image + " v" + target + " is ready (" + Durations.human(display.elapsed())
                        + "); its masking report: GET /api/images/" + image + "/versions/" + target + "/report");
            }
            return ExitCodes.OK;
        } finally {
            display.finish();
            context.out().flush();
            context.err().flush();
        }
    }

    /** Polls the image until version {@code target} is READY or FAILED, showing the build's progress. */
    private JsonNode follow(String path, int target, Instant deadline) {
        while (true) {
            if (!context.clock().instant().isBefore(deadline)) {
                throw new CliException(ExitCodes.UNAVAILABLE, "image " + image + " v" + target + " is not built after "
                        + Durations.human(timeout) + "; it may still finish: see 'petri images'");
            }
            try {
                JsonNode node = api.get(path).json();
                for (JsonNode v : node.path("versions")) {
                    if (version(v.get("version")) == target && !"BUILDING".equals(Json.text(v, "status"))) {
                        return v;
                    }
                }
                int latest = version(node.get("latestVersion"));
                String bar = Rows.progressBar(node);
                boolean building = "BUILDING".equals(Json.text(node, "status"));
                display.show(latest >= target ? "building image " + image + " v" + target + (bar == null ? "" : " " + bar)
                        : building ? "image " + image + ": waiting for v" + latest + " to finish building first"
                        : "image " + image + " v" + target + ": build ordered, waiting for it to start");
            } catch (ApiException e) {
                if (!e.retryable()) {
                    throw e;
                }
                display.show("the API is busy (" + e.status() + "), trying again");
            }
            try {
                display.pause(context.pollInterval());
            } catch (InterruptedException e) {
                throw new CliException(ExitCodes.UNAVAILABLE, "interrupted; the build of " + image + " v" + target
                        + " goes on: see 'petri images'");
            }
        }
    }

    private static int version(JsonNode v) {
        return v == null || v.isNull() ? 0 : v.asInt();
    }
}
