package dev.petri.provisioner.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.petri.events.EventJson;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real headless Chromium, driven through chromedriver with the W3C WebDriver protocol over plain
 * HTTP (no client library needed).
 */
final class Browser implements AutoCloseable {

    private static final List<String> CHROMIUM = List.of("/usr/lib/chromium/chromium", "/usr/bin/chromium",
            "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final List<String> CHROMEDRIVER = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Process driver;
    private final Path profile;
    private final String base;
    private String session;

    private Browser(Process driver, Path profile, int port) {
        this.driver = driver;
        this.profile = profile;
        this.base = "http://127.0.0.1:" + port;
    }

    /** Where Chromium and chromedriver are, when both are installed. */
    static Optional<String[]> installed() {
        Optional<String> chromium = CHROMIUM.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
        Optional<String> chromedriver = CHROMEDRIVER.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
        return chromium.isPresent() && chromedriver.isPresent()
                ? Optional.of(new String[] {chromium.get(), chromedriver.get()}) : Optional.empty();
    }

    /** Starts chromedriver and a headless Chromium session. */
    static Browser start(String chromium, String chromedriver) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path profile = Files.createTempDirectory("petri-chromium");
        Process process = new ProcessBuilder(chromedriver, "--port=" + port).redirectErrorStream(true)
                .redirectOutput(profile.resolveSibling(profile.getFileName() + ".chromedriver.log").toFile()).start();
        Browser browser = new Browser(process, profile, port);
        try {
            browser.awaitDriver();
            ObjectNode caps = EventJson.mapper().createObjectNode();
            ObjectNode options = caps.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome")
                    .putObject("goog:chromeOptions").put("binary", chromium);
            Stream.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--no-first-run",
                    "--window-size=1400,1000", "--user-data-dir=" + profile)
                    .forEach(options.putArray("args")::add);
            browser.session = browser.call("POST", "/session", caps).path("sessionId").asText();
            return browser;
        } catch (IOException | RuntimeException e) {
            browser.close();
            throw e;
        }
    }

    /** Opens a URL. */
    void open(String url) throws IOException, InterruptedException {
        call("POST", "/session/" + session + "/url", EventJson.mapper().createObjectNode().put("url", url));
    }

    /** Runs a script in the page and returns its result. */
    JsonNode eval(String script) throws IOException, InterruptedException {
        ObjectNode body = EventJson.mapper().createObjectNode().put("script", script);
        body.putArray("args");
        return call("POST", "/session/" + session + "/execute/sync", body);
    }

    /** Waits until a script returns true. */
    void until(String script, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!eval(script).asBoolean(false)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page never satisfied: " + script + "\npage text:\n"
                        + eval("return document.body.innerText").asText());
            }
            Thread.sleep(200);
        }
    }

    /** Saves a PNG screenshot of the window. */
    void screenshot(Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(call("GET", "/session/" + session + "/screenshot", null).asText()));
    }

    private JsonNode call(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = EventJson.mapper().readTree(response.body());
        if (response.statusCode() != 200) {
            throw new IOException("WebDriver " + method + " " + path + ": HTTP " + response.statusCode() + " "
                    + json.path("value").path("message").asText());
        }
        return json.path("value");
    }

    private void awaitDriver() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (call("GET", "/status", null).path("ready").asBoolean()) {
                    return;
                }
            } catch (IOException notYet) {
                // chromedriver is still starting
            }
            Thread.sleep(100);
        }
        throw new IOException("chromedriver did not start");
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } catch (IOException e) {
            // the browser is going away anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            driver.destroy();
        }
    }
}
