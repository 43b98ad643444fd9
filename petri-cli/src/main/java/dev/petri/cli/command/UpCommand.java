package dev.petri.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.petri.cli.CliContext;
import dev.petri.cli.CliException;
import dev.petri.cli.DurationConverter;
import dev.petri.cli.Durations;
import dev.petri.cli.ExitCodes;
import dev.petri.cli.PetriCli;
import dev.petri.cli.client.ApiClient;
import dev.petri.cli.client.ApiException;
import dev.petri.cli.client.ApiResponse;
import dev.petri.cli.client.Json;
import dev.petri.cli.output.ConnectionFormat;
import dev.petri.cli.output.ProgressDisplay;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code petri up [IMAGE]}: claims an environment, waits until it is ready, and prints how to connect. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {
            "Get a ready database made from an image and print how to connect to it.",
            "Waits (with progress on stderr) while the pool refills or the image builds."
        })
public final class UpCommand implements Callable<Integer> {

    private static final Duration MAX_SERVER_WAIT = Duration.ofSeconds(60);
    private static final long TICK_MILLIS = 100;

    @ParentCommand
    private PetriCli root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "IMAGE",
            description = "the image (optional when exactly one exists; see 'petri images')")
    private String image;

    @Option(names = "--ttl", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "time to live: 30m, 8h, 1d or ISO-8601 (default: the server's)")
    private Duration ttl;

    @Option(names = "--label", paramLabel = "TEXT", description = "a label to recognise the environment by in 'petri ls'")
    private String label;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "url",
            description = "url (default: JDBC URL and a psql line), env (export lines for eval) or json")
    private ConnectionFormat format;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "how long to wait for the environment (default: 10m); exit code 4 after that")
    private Duration timeout;

    @Option(names = {"-q", "--quiet"}, description = "no progress and no summary on stderr")
    private boolean quiet;

    private CliContext context;
    private ApiClient api;
    private ProgressDisplay display;
    private volatile String requested;

    @Override
    public Integer call() {
        context = root.context();
        api = root.api();
        display = new ProgressDisplay(context.err(), context.interactiveErr(), quiet, context.clock());
        Instant deadline = context.clock().instant().plus(timeout);
        Thread interruptHint = new Thread(this::explainInterrupt, "petri-up-interrupted");
        Runtime.getRuntime().addShutdownHook(interruptHint);
        try {
            String imageName = image != null ? image : soleImage();
            requested = "";
            ApiResponse created = create(imageName, deadline);
            JsonNode environment = created.json();
            String raw = created.body();
            requested = Optional.ofNullable(Json.text(environment, "id")).orElse("");
            if (!"READY".equals(Json.text(environment, "status"))) {
                requested = environmentId(environment, created.location());
                ApiResponse ready = awaitReady(requested, imageName, deadline);
                environment = ready.json();
                raw = ready.body();
            }
            display.finish();
            context.out().print(format.render(environment, raw));
            context.out().flush();
            if (!quiet) {
                context.err().println(summary(environment));
                context.err().flush();
            }
            return ExitCodes.OK;
        } finally {
            requested = null;
            removeHook(interruptHint);
            display.finish();
        }
    }

    private void explainInterrupt() {
        String id = requested;
        if (id == null) {
            return;
        }
        display.finish();
        context.err().println(id.isEmpty()
                ? "petri: interrupted; the environment request may still complete: see 'petri ls'"
                : "petri: interrupted; environment " + id + " may still become ready: see 'petri ls',"
                        + " or release it with 'petri down " + id + "'");
        context.err().flush();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            return;
        }
    }

    private String soleImage() {
        JsonNode images = Rows.array(api.get("/api/images").json(), "images");
        List<String> names = new ArrayList<>();
        images.forEach(node -> names.add(Json.text(node, "name")));
        if (names.size() == 1) {
            return names.get(0);
        }
        if (names.isEmpty()) {
            throw new CliException(ExitCodes.NOT_FOUND, "no images are defined yet, so there is nothing to start");
        }
        throw new CliException(ExitCodes.USAGE, "several images exist, say which one: petri up IMAGE"
                + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", names));
    }

    private ApiResponse create(String imageName, Instant deadline) {
        ObjectNode body = Json.object();
        body.put("image", imageName);
        if (ttl != null) {
            body.put("ttl", ttl.toString());
        }
        if (label != null) {
            body.put("label", label);
        }
        Duration serverWait = timeout.compareTo(MAX_SERVER_WAIT) < 0 ? timeout : MAX_SERVER_WAIT;
        String path = "/api/environments?wait=PT" + Math.max(1, serverWait.toSeconds()) + "S";
        while (true) {
            display.show("requesting an environment from image " + imageName);
            CompletableFuture<HttpResponse<String>> pending =
                    api.sendAsync("POST", path, body, serverWait.plusSeconds(30));
            tickUntilDone(pending);
            try {
                return api.await("POST", path, pending);
            } catch (ApiException e) {
                retryLater(e, deadline);
            }
        }
    }

    private ApiResponse awaitReady(String id, String imageName, Instant deadline) {
        String path = "/api/environments/" + ApiClient.segment(id);
        String status = "REQUESTED";
        while (true) {
            if (!context.clock().instant().isBefore(deadline)) {
                throw new CliException(ExitCodes.UNAVAILABLE, "environment " + id + " is not ready after "
                        + Durations.human(timeout) + " (status " + status + "); it may still become ready:"
                        + " see 'petri ls', or release it with 'petri down " + id + "'");
            }
            try {
                ApiResponse response = api.get(path);
                JsonNode environment = response.json();
                status = Optional.ofNullable(Json.text(environment, "status")).orElse("UNKNOWN");
                if ("READY".equals(status)) {
                    return response;
                }
                if ("FAILED".equals(status)) {
                    String error = Optional.ofNullable(Json.text(environment, "error"))
                            .orElse(Json.text(environment, "reason"));
                    throw new CliException(ExitCodes.FAILED, "environment " + id + " failed"
                            + (error == null ? "" : ": " + error));
                }
                display.show(waitingMessage(id, status, imageName));
            } catch (ApiException e) {
                retryLater(e, deadline);
                continue;
            }
            pause(context.pollInterval());
        }
    }

    private String waitingMessage(String id, String status, String imageName) {
        JsonNode imageNode;
        try {
            imageNode = api.get("/api/images/" + ApiClient.segment(imageName)).json();
        } catch (CliException e) {
            return "waiting for environment " + id + " (" + status + ")";
        }
        String imageStatus = Json.text(imageNode, "status");
        if ("BUILDING".equals(imageStatus)) {
            String bar = Rows.progressBar(imageNode);
            return "building image " + imageName + " " + (bar == null ? "" : bar);
        }
        if ("FAILED".equals(imageStatus) && Json.text(imageNode, "latestReadyVersion") == null) {
            String error = Json.text(imageNode, "error");
            throw new CliException(ExitCodes.FAILED, "image " + imageName + " failed to build"
                    + (error == null ? "" : ": " + error) + "; environment " + id + " cannot become ready");
        }
        return "waiting for environment " + id + " (" + status + ")";
    }

    private void retryLater(ApiException e, Instant deadline) {
        if (!e.retryable()) {
            throw e;
        }
        Duration wait = e.retryAfter().orElse(context.pollInterval());
        if (context.clock().instant().plus(wait).isAfter(deadline)) {
            throw e;
        }
        display.show("the API is busy (" + e.status() + "), trying again in " + Durations.human(wait));
        pause(wait);
    }

    private void tickUntilDone(CompletableFuture<HttpResponse<String>> pending) {
        while (true) {
            try {
                pending.get(TICK_MILLIS, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                display.tick();
            } catch (ExecutionException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.cancel(true);
                throw new CliException(ExitCodes.UNAVAILABLE, "interrupted while waiting for the API");
            }
        }
    }

    private void pause(Duration duration) {
        try {
            display.pause(duration);
        } catch (InterruptedException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "interrupted while waiting for the environment");
        }
    }

    private static String environmentId(JsonNode environment, Optional<String> location) {
        String id = Json.text(environment, "id");
        if (id != null) {
            return id;
        }
        return location.map(UpCommand::lastSegment).filter(segment -> !segment.isBlank()).orElseThrow(() ->
                new CliException(ExitCodes.SERVER_ERROR, "the API accepted the request but named no environment id"));
    }

    private static String lastSegment(String location) {
        String path = location.replaceAll("[?#].*$", "").replaceAll("/+$", "");
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private String summary(JsonNode environment) {
        String id = Json.text(environment, "id");
        String version = Json.text(environment, "imageVersion");
        String expires = Rows.until(Json.text(environment, "expiresAt"), context.clock().instant());
        return "petri: environment " + id + " is ready (" + Json.text(environment, "image")
                + (version == null ? "" : " v" + version) + (expires == null ? "" : ", expires " + expires)
                + "); release it with 'petri down " + id + "'";
    }
}
