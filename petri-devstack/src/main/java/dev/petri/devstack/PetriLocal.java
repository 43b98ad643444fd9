package dev.petri.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * All of Petri on one machine: the dev stack, a demo production database, and the four services,
 * each in its own process, started from their built jars. Used by {@code ./petri dev} and by the
 * end-to-end tests.
 */
public final class PetriLocal implements AutoCloseable {

    /** The services, in start order, with their default ports. */
    public static final Map<String, Integer> SERVICES = servicePorts();

    private final DevStack stack;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private Path repoRoot;
    private Map<String, String> extraConfig;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Path workDir;
    private final String adminToken;
    private String demoPassword;

    /**
     * How to run it.
     *
     * @param repoRoot      the repository root (where each service's target/quarkus-app is)
     * @param workDir       where logs, configuration and (unless {@code dataDir}) data go; wiped at start
     * @param dataDir       PostgreSQL data directory, e.g. on a reflink filesystem; null for workDir/pgdata
     * @param apiPort       port of the public API (0 for a free one)
     * @param adminToken    the admin token
     * @param fixedPorts    use the default ports 8081-8083 for the inner services when free
     * @param extraConfig   more settings; {@code petri.<service>.*} keys (provisioner: {@code petri.api.*}) go to
     *                      that service only, others to every service
     */
    public record Options(Path repoRoot, Path workDir, Path dataDir, int apiPort, String adminToken, boolean fixedPorts,
                          Map<String, String> extraConfig) {
    }

    private PetriLocal(DevStack stack, Path workDir, String adminToken) {
        this.stack = stack;
        this.workDir = workDir;
        this.adminToken = adminToken;
    }

    private static Map<String, Integer> servicePorts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("masking", 8081);
        m.put("image", 8082);
        m.put("pool", 8083);
        m.put("provisioner", 8080);
        return m;
    }

    /** Starts the stack and the services, and waits until every service is ready. */
    public static PetriLocal start(Options options) throws IOException, InterruptedException {
        for (String service : SERVICES.keySet()) {
            Path jar = jar(options.repoRoot(), service);
            if (!Files.exists(jar)) {
                throw new IOException(jar + " is missing: build first (./mvnw -DskipTests package)");
            }
        }
        DevStack.deleteTree(options.workDir());
        Files.createDirectories(options.workDir().resolve("logs"));
        Path dataDir = options.dataDir();
        if (dataDir != null) {
            DevStack.deleteTree(dataDir);
        }
        DevStack stack = DevStack.start(new DevStack.Options(options.workDir(), dataDir, 0, 0,
                "local-" + UUID.randomUUID(), false));
        PetriLocal petri = new PetriLocal(stack, options.workDir(), options.adminToken());
        petri.repoRoot = options.repoRoot();
        petri.extraConfig = options.extraConfig();
        try {
            petri.createDemoSource();
            for (String service : SERVICES.keySet()) {
                int port = service.equals("provisioner")
                        ? (options.apiPort() == 0 ? Ports.free() : options.apiPort())
                        : (options.fixedPorts() && Ports.isFree(SERVICES.get(service)) ? SERVICES.get(service) : Ports.free());
                petri.launch(options.repoRoot(), service, port, options.extraConfig());
            }
            for (String service : SERVICES.keySet()) {
                petri.awaitReady(service, Duration.ofSeconds(120));
            }
            return petri;
        } catch (IOException | InterruptedException | RuntimeException e) {
            petri.close();
            throw e;
        }
    }

    static Path jar(Path repoRoot, String service) {
        return repoRoot.resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
    }

    /** Creates the demo production database and a login that may only read it. */
    private void createDemoSource() throws IOException {
        EmbeddedPostgresServer pg = stack.postgres();
        pg.createDatabase("demo_production");
        demoPassword = "demo" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = pg.connect("demo_production"); Statement st = c.createStatement()) {
            DemoDatabase.create(c, Integer.getInteger("petri.demo.customers", 2000), 42);
            st.execute("CREATE ROLE demo_reader LOGIN PASSWORD '" + demoPassword + "'");
            st.execute("GRANT CONNECT ON DATABASE demo_production TO demo_reader");
            st.execute("GRANT USAGE ON SCHEMA public, crm TO demo_reader");
            st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public, crm TO demo_reader");
            st.execute("GRANT SELECT ON ALL SEQUENCES IN SCHEMA public, crm TO demo_reader");
        } catch (SQLException e) {
            throw new IOException("cannot create the demo database", e);
        }
    }

    private void launch(Path repoRoot, String service, int port, Map<String, String> extra) throws IOException {
        Properties config = new Properties();
        config.putAll(stack.serviceConfig(service));
        config.put("quarkus.http.port", String.valueOf(port));
        if (service.equals("provisioner")) {
            config.put("petri.api.admin-token", adminToken);
        }
        if (extra != null) {
            extra.forEach((key, value) -> {
                boolean otherService = SERVICES.keySet().stream()
                        .anyMatch(s -> !s.equals(service) && key.startsWith("petri." + (s.equals("provisioner") ? "api" : s) + "."));
                if (!otherService) {
                    config.put(key, value);
                }
            });
        }
        Path file = workDir.resolve(service + ".properties");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            config.store(out, "petri " + service + "-service (generated)");
        }
        Path log = workDir.resolve("logs").resolve(service + "-service.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC",
                "-Dpetri-launcher.parent-pid=" + ProcessHandle.current().pid(),
                "-Dquarkus.config.locations=" + file.toUri(),
                "-jar", jar(repoRoot, service).toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        processes.put(service, pb.start());
        ports.put(service, port);
    }

    private void awaitReady(String service, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        URI health = URI.create("http://127.0.0.1:" + ports.get(service) + "/q/health/ready");
        while (System.nanoTime() < deadline) {
            for (Process p : processes.values()) {
                if (!p.isAlive()) {
                    throw new IOException("a service exited during start-up; see " + workDir.resolve("logs"));
                }
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IOException(service + "-service was not ready after " + timeout.toSeconds() + " s; see "
                + workDir.resolve("logs").resolve(service + "-service.log"));
    }

    /** The JSON body that defines the demo image on the demo production database. */
    public String demoImageDefinition(int poolSize) {
        return "{\"engine\":\"postgres\",\"source\":{\"jdbcUrl\":\"" + stack.postgres().jdbcUrl("demo_production")
                + "\",\"username\":\"demo_reader\",\"password\":\"" + demoPassword + "\"},\"pool\":{\"size\":"
                + poolSize + "}}";
    }

    /** Base URL of the public API. */
    public String apiUrl() {
        return "http://localhost:" + ports.get("provisioner");
    }

    /** Port of one service. */
    public int port(String service) {
        return ports.get(service);
    }

    /** The admin token. */
    public String adminToken() {
        return adminToken;
    }

    /** The dev stack underneath. */
    public DevStack stack() {
        return stack;
    }

    /** Where logs and configuration are. */
    public Path workDir() {
        return workDir;
    }

    /** Kills one service at once, as a crash would. */
    public void kill(String service) throws InterruptedException {
        Process p = processes.remove(service);
        if (p != null) {
            p.destroyForcibly().waitFor();
        }
    }

    /** Starts a stopped service again on its port and waits until it is ready. */
    public void restart(String service) throws IOException, InterruptedException {
        kill(service);
        launch(repoRoot, service, ports.get(service), extraConfig);
        awaitReady(service, Duration.ofSeconds(120));
    }

    /** Stops the services, then the stack. */
    @Override
    public void close() {
        for (Process p : processes.values()) {
            p.destroy();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        for (Process p : processes.values()) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        stack.close();
    }
}
