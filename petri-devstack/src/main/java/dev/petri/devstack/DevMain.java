package dev.petri.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./petri dev}: starts Petri locally (real Kafka, real PostgreSQL 18, the four services),
 * defines the image {@code demo} on a generated production database with a warm pool, prints how
 * to get an environment, and stops everything on Ctrl-C.
 */
public final class DevMain {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DevMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        String token = env("PETRI_ADMIN_TOKEN", "petri-admin-" + UUID.randomUUID().toString().substring(0, 8));
        int port = Integer.parseInt(env("PETRI_PORT", "8080"));
        int poolSize = Integer.parseInt(env("PETRI_DEMO_POOL_SIZE", "2"));
        String dataDir = System.getenv("PETRI_DATA_DIR");
        if (!Ports.isFree(port)) {
            System.err.println("petri: port " + port + " is in use; set PETRI_PORT to another port");
            System.exit(1);
        }
        long start = System.nanoTime();
        System.out.println("Starting Kafka (KRaft), PostgreSQL 18 and the four Petri services ...");
        PetriLocal petri = PetriLocal.start(new PetriLocal.Options(root, root.resolve(".petri"),
                dataDir == null ? null : Path.of(dataDir).resolve("petri-pgdata"), port, token, true, Map.of()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Petri ...");
            petri.close();
            stopped.countDown();
        }, "petri-dev-stop"));
        System.out.printf("Services up in %.0f s. Building the demo image ...%n", (System.nanoTime() - start) / 1e9);
        HttpClient http = HttpClient.newHttpClient();
        String api = petri.apiUrl();
        send(http, HttpRequest.newBuilder(URI.create(api + "/api/images/demo"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(petri.demoImageDefinition(poolSize))).build());
        awaitWarmPool(http, api, token, poolSize);
        System.out.printf("%nPetri is running (ready in %.0f s).%n%n", (System.nanoTime() - start) / 1e9);
        System.out.println("  API         " + api + "   (OpenAPI: " + api + "/q/openapi, dashboard: " + api + "/)");
        System.out.println("  Admin token " + token);
        System.out.println("  Logs        " + petri.workDir().resolve("logs"));
        System.out.println();
        System.out.println("Get an environment:");
        System.out.println("  curl -s -X POST " + api + "/api/environments -H 'Authorization: Bearer " + token
                + "' -H 'Content-Type: application/json' -d '{\"image\":\"demo\"}'");
        System.out.println("or with the CLI:");
        System.out.println("  PETRI_URL=" + api + " PETRI_TOKEN=" + token + " ./petri up demo");
        System.out.println();
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    private static void awaitWarmPool(HttpClient http, String api, String token, int poolSize) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            JsonNode image = JSON.readTree(send(http, get(api + "/api/images/demo", token)));
            String status = image.path("status").asText();
            if ("FAILED".equals(status) && !image.path("usable").asBoolean()) {
                throw new IOException("the demo image failed to build: " + image.path("error"));
            }
            String line;
            if (image.path("usable").asBoolean()) {
                int ready = 0;
                for (JsonNode pool : JSON.readTree(send(http, get(api + "/api/pools", token)))) {
                    if ("demo".equals(pool.path("image").asText())) {
                        ready = pool.path("ready").asInt();
                    }
                }
                if (ready >= poolSize) {
                    System.out.println();
                    return;
                }
                line = "  warm pool: " + ready + "/" + poolSize + " ready";
            } else {
                int percent = image.path("progress").path("percent").asInt();
                String phase = image.path("progress").path("phase").asText("queued");
                line = "  image demo v1 " + bar(percent) + " " + percent + "% " + phase + " "
                        + image.path("progress").path("table").asText("");
            }
            if (!line.equals(last)) {
                System.out.print("\r" + line + "                    ");
                last = line;
            }
            Thread.sleep(300);
        }
        throw new IOException("the demo pool was not warm after 10 minutes");
    }

    static String bar(int percent) {
        int filled = Math.max(0, Math.min(20, percent / 5));
        return "[" + "#".repeat(filled) + "-".repeat(20 - filled) + "]";
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build();
    }

    private static String send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 400) {
            throw new IOException(request.method() + " " + request.uri().getPath() + " answered " + r.statusCode()
                    + ": " + r.body());
        }
        return r.body();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
