import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petri.devstack.EmbeddedPostgresServer;
import dev.petri.devstack.PetriLocal;
import dev.petri.engine.EngineHost;
import dev.petri.engine.SourceConnection;
import dev.petri.engine.postgres.PostgresEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The claims benchmark: a warm pool, concurrent clients asking for environments through the public
 * API (HTTP, Kafka, pool service, Kafka, HTTP) and connecting with the returned credentials; the time
 * the pool takes to refill; and, side by side, restoring the same image per request.
 */
public final class ClaimsBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClaimsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        int clients = Integer.parseInt(System.getProperty("clients", "16"));
        int requests = Integer.parseInt(System.getProperty("requests", "500"));
        int poolSize = Integer.parseInt(System.getProperty("pool", String.valueOf(requests)));
        int restores = Integer.parseInt(System.getProperty("restores", "48"));
        int warmup = Integer.parseInt(System.getProperty("warmup", "0"));
        String token = "bench-" + UUID.randomUUID();
        Map<String, String> extra = new HashMap<>(Map.of(
                "petri.api.max-pool-size", String.valueOf(Math.max(50, poolSize)),
                "petri.hosts.local.capacity", String.valueOf(poolSize * 2 + clients * 4 + 50)));
        for (String pair : System.getProperty("extra", "").split(",")) {
            if (pair.contains("=")) {
                extra.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        long t0 = System.nanoTime();
        System.out.printf("starting Kafka, PostgreSQL 18 and the four services (PetriLocal) ...%n");
        try (PetriLocal petri = PetriLocal.start(new PetriLocal.Options(root, root.resolve("target").resolve("bench"), null, 0, token,
                false, extra))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String api = petri.apiUrl();
            System.out.printf("services up in %.1f s; defining image 'bench' with pool.size=%d%n",
                    seconds(t0), poolSize);
            send(http, HttpRequest.newBuilder(URI.create(api + "/api/images/bench"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(petri.demoImageDefinition(poolSize))).build(), 202);
            long fillStart = System.nanoTime();
            awaitReady(http, api, token, poolSize, Duration.ofMinutes(30));
            double fill = seconds(fillStart);
            System.out.printf("warm pool of %d filled %.1f s after the image was defined (image build included)%n",
                    poolSize, fill);

            if (warmup > 0) {
                for (int i = 0; i < warmup; i++) {
                    claimAndConnect(http, api, token, new ConcurrentHashMap<>());
                }
                awaitReady(http, api, token, poolSize, Duration.ofMinutes(30));
                System.out.printf("warm-up: %d claims (not counted), pool back at %d ready%n", warmup, poolSize);
            }
            List<long[]> samples = Collections.synchronizedList(new ArrayList<>());
            Map<String, long[]> clocks = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger cold = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            Map<String, Long> cpuBefore = cpuTicks(petri.stack().postgres().port());
            long burstStart = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            String loadBefore = loadAverage();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    while (next.getAndIncrement() < requests) {
                        try {
                            long[] s = claimAndConnect(http, api, token, clocks);
                            samples.add(s);
                            if (s[1] == 1) {
                                cold.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                            System.out.println("request failed: " + e.getMessage());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double burst = seconds(burstStart);
            Map<String, Long> cpuAfter = cpuTicks(petri.stack().postgres().port());
            String loadAfter = loadAverage();
            pool.shutdown();
            long refillStart = System.nanoTime();
            awaitReady(http, api, token, poolSize, Duration.ofMinutes(30));
            double refill = seconds(refillStart);

            List<Long> claims = samples.stream().map(s -> s[0]).sorted().toList();
            List<Long> answers = samples.stream().map(s -> s[2]).sorted().toList();
            System.out.println();
            System.out.println("== Claims through the public API (HTTP -> Kafka -> pool -> Kafka -> HTTP -> JDBC connect) ==");
            System.out.printf("requests %d, clients %d, ok %d, failed %d, cold %d, burst %.1f s (%.0f environments/s)%n",
                    requests, clients, claims.size(), failed.get(), cold.get(), burst, claims.size() / burst);
            System.out.printf("time to a usable connection: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    ms(pct(claims, 50)), ms(pct(claims, 95)), ms(pct(claims, 99)), ms(claims.get(claims.size() - 1)));
            System.out.printf("of which the HTTP answer (201 with credentials): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                    ms(pct(answers, 50)), ms(pct(answers, 95)), ms(pct(answers, 99)));
            Hops hops = hops(petri.stack().kafka().bootstrapServers(), petri.stack().postgres(), clocks);
            System.out.printf("of which the pool service (requested event -> ready event, record timestamps): p50 %.1f ms,"
                    + " p95 %.1f ms, p99 %.1f ms%n", ms(pct(hops.pool, 50)), ms(pct(hops.pool, 95)), ms(pct(hops.pool, 99)));
            System.out.printf("of which serving inside the pool service (request recorded -> answer recorded): p50 %.1f ms,"
                    + " p95 %.1f ms, p99 %.1f ms%n", ms(pct(hops.serve, 50)), ms(pct(hops.serve, 95)), ms(pct(hops.serve, 99)));
            System.out.println("every step, one clock (p50 / p95 / p99, ms):");
            for (Map.Entry<String, List<Long>> step : hops.steps.entrySet()) {
                System.out.printf("  %-62s %7.1f %7.1f %7.1f%n", step.getKey(), ms(pct(step.getValue(), 50)),
                        ms(pct(step.getValue(), 95)), ms(pct(step.getValue(), 99)));
            }
            StringBuilder cpu = new StringBuilder();
            long totalTicks = 0;
            StringBuilder pgParts = new StringBuilder();
            for (Map.Entry<String, Long> e : cpuAfter.entrySet()) {
                long ticks = e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L);
                String part = String.format(", %s %.1f", e.getKey(), ticks * 1000.0 / TICKS_PER_SECOND / claims.size());
                if (e.getKey().startsWith("pg: ")) {
                    if (ticks > 0) {
                        pgParts.append(part.replace("pg: ", ""));
                    }
                    continue;
                }
                totalTicks += ticks;
                cpu.append(part);
            }
            System.out.printf("CPU per claim (ms, burst incl. releases and refills): total %.1f%s; %.2f of %d cores busy%n",
                    totalTicks * 1000.0 / TICKS_PER_SECOND / claims.size(), cpu,
                    totalTicks / (double) TICKS_PER_SECOND / burst, Runtime.getRuntime().availableProcessors());
            System.out.printf("  of which PostgreSQL (ms per claim, live processes by role, user and database): %s%n",
                    pgParts.length() == 0 ? "-" : pgParts.substring(2));
            System.out.printf("load average (1/5/15 min) before the burst %s, after %s, on %d cores%n", loadBefore,
                    loadAfter, Runtime.getRuntime().availableProcessors());
            System.out.printf("pool refilled to %d ready %.1f s after the burst%n", poolSize, refill);
            backendFloor(http, api, token, petri.stack().postgres().port(), clients);

            List<Long> restored = restorePerRequest(petri.stack().postgres(), restores, clients);
            System.out.println();
            System.out.println("== Restoring the image per request (catalog + COPY copier, PostgreSQL 18) ==");
            System.out.printf("restores %d, clients %d: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", restored.size(),
                    clients, ms(pct(restored, 50)), ms(pct(restored, 95)), ms(restored.get(restored.size() - 1)));
            System.out.printf("ratio restore/claim: p50 %.1fx, p95 %.1fx%n",
                    (double) pct(restored, 50) / pct(claims, 50), (double) pct(restored, 95) / pct(claims, 95));
        }
    }

    /**
     * The floor under the claim time that no pool can lower: what one new PostgreSQL connection (a
     * backend process, SCRAM with the environment's login, {@code SELECT 1}) costs this machine's
     * server in CPU, measured on one claimed environment with the pool idle, the server's background
     * work (autovacuum visiting every database) in a same-length quiet window subtracted.
     */
    private static void backendFloor(HttpClient http, String api, String token, int pgPort, int clients)
            throws Exception {
        HttpResponse<String> r = requestEnvironment(http, api, token);
        if (r.statusCode() != 201) {
            System.out.println("backend cost not measured: POST answered " + r.statusCode());
            return;
        }
        JsonNode env = JSON.readTree(r.body());
        int n = 100;
        long quietStart = System.nanoTime();
        long quiet0 = reapedBackendTicks(pgPort);
        Thread.sleep(3000);
        double quietPerSecond = (reapedBackendTicks(pgPort) - quiet0) / seconds(quietStart);
        long start = System.nanoTime();
        long before = reapedBackendTicks(pgPort);
        for (int i = 0; i < n; i++) {
            try (Connection c = DriverManager.getConnection(env.path("jdbcUrl").asText(), env.path("username").asText(),
                    env.path("password").asText()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT 1")) {
                rs.next();
            }
        }
        Thread.sleep(200);
        double took = seconds(start);
        double ticks = reapedBackendTicks(pgPort) - before - quietPerSecond * took;
        double msPerBackend = ticks * 1000.0 / TICKS_PER_SECOND / n;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("one new connection (backend start, SCRAM, SELECT 1, exit) costs PostgreSQL %.1f ms CPU"
                + " (%d in a row, %.1f ms each end to end; background %.0f ms CPU/s subtracted): %d cores open at most"
                + " %.0f connections/s, so with %d clients back to back each client's round (claim, connect, release) takes"
                + " >= %.0f ms for the connections alone%n",
                msPerBackend, n, took * 1000 / n, quietPerSecond * 1000.0 / TICKS_PER_SECOND, cores,
                cores * 1000 / msPerBackend, clients, clients * msPerBackend / cores);
        release(http, api, token, env.path("id").asText());
    }

    private static HttpResponse<String> requestEnvironment(HttpClient http, String api, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api + "/api/environments"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"image\":\"bench\",\"ttl\":\"PT1H\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> release(HttpClient http, String api, String token, String id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api + "/api/environments/" + id))
                .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** CPU (clock ticks) of the PostgreSQL processes that have ended so far: the postmaster's reaped children. */
    private static long reapedBackendTicks(int pgPort) {
        return cpuTicks(pgPort).getOrDefault("pg: ended backends", 0L);
    }

    /** One client request: POST, connect with the answer, run a query; then release. Returns {nanos, cold, answer nanos}. */
    private static long[] claimAndConnect(HttpClient http, String api, String token, Map<String, long[]> clocks)
            throws Exception {
        long startMicros = epochMicros();
        long start = System.nanoTime();
        HttpResponse<String> r = requestEnvironment(http, api, token);
        if (r.statusCode() != 201) {
            throw new IllegalStateException("POST /api/environments answered " + r.statusCode() + ": " + r.body());
        }
        long answered = System.nanoTime();
        long answeredMicros = epochMicros();
        JsonNode env = JSON.readTree(r.body());
        try (Connection c = DriverManager.getConnection(env.path("jdbcUrl").asText(), env.path("username").asText(),
                env.path("password").asText()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
        }
        long elapsed = System.nanoTime() - start;
        clocks.put(env.path("id").asText(), new long[] {startMicros, answeredMicros, epochMicros()});
        HttpResponse<String> released = release(http, api, token, env.path("id").asText());
        if (released.statusCode() / 100 != 2) {
            throw new IllegalStateException("DELETE answered " + released.statusCode() + ": " + released.body());
        }
        return new long[] {elapsed, env.path("cold").asBoolean() ? 1 : 0, answered - start};
    }

    /**
     * What teams do today, with the tools this machine has for PostgreSQL 18: restore the image into
     * a new database per request (schema, rows, then constraints and indexes), give it a login, connect.
     */
    private static List<Long> restorePerRequest(EmbeddedPostgresServer pg, int count, int clients) throws Exception {
        PostgresEngine engine = new PostgresEngine(new EngineHost("bench", "postgres", pg.jdbcUrl("postgres"),
                EmbeddedPostgresServer.SUPERUSER, pg.password(), "127.0.0.1", pg.port(), 1000));
        String source = "petri_benchsrc";
        engine.dropDatabase(source);
        engine.cloneDatabase("petri_img_bench_v1", source);
        SourceConnection from = engine.sourceFor(source);
        List<Long> times = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    String db = "petri_restore_" + i;
                    String login = "petri_restore_u" + i;
                    String password = UUID.randomUUID().toString().replace("-", "");
                    long start = System.nanoTime();
                    engine.stageFrom(from, db, (table, rows, total) -> { });
                    engine.finishStaging(from, db);
                    engine.createOwnerLogin(db, login, password);
                    try (Connection c2 = DriverManager.getConnection(pg.jdbcUrl(db), login, password);
                         Statement st = c2.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                        rs.next();
                    }
                    times.add(System.nanoTime() - start);
                    engine.dropDatabase(db);
                    engine.dropLogin(login);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        engine.dropDatabase(source);
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return sorted;
    }

    /** The claim path step by step, per environment, on the machine's one wall clock. */
    private record Hops(List<Long> pool, List<Long> serve, Map<String, List<Long>> steps) {
    }

    /**
     * Splits every claim into its steps: the client's clocks (sent, answered, connected), the Kafka
     * records' timestamps (set by each producer when it sends) and the pool service's request row
     * (recorded when it starts serving, updated when it has the answer).
     */
    private static Hops hops(String bootstrap, EmbeddedPostgresServer pg, Map<String, long[]> clocks) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Long> requested = new HashMap<>();
        Map<String, Long> ready = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of("petri.environment.requested", "petri.environment.ready")) {
                consumer.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, Long> into = r.topic().endsWith("requested") ? requested : ready;
                    into.putIfAbsent(r.key(), r.timestamp() * 1000);
                }
            }
        }
        Map<String, long[]> served = new HashMap<>();
        try (Connection c = pg.connect("petri_pool_service"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT environment_id, (extract(epoch FROM created_at) * 1e6)::int8,"
                     + " (extract(epoch FROM updated_at) * 1e6)::int8 FROM environment_requests WHERE image = 'bench'")) {
            while (rs.next()) {
                served.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
            }
        } catch (Exception e) {
            System.out.println("cannot read the pool service's requests: " + e.getMessage());
        }
        List<Long> pool = new ArrayList<>();
        List<Long> serve = new ArrayList<>();
        Map<String, List<Long>> steps = new java.util.LinkedHashMap<>();
        String[] names = {
            "HTTP sent -> requested event sent (provisioner)",
            "requested event sent -> pool starts serving (delivery)",
            "pool starts serving -> answer recorded (claim)",
            "answer recorded -> ready event sent (pool)",
            "ready event sent -> HTTP answer received (delivery, provisioner)",
            "HTTP answer -> connected, SELECT 1 (client)"};
        for (String name : names) {
            steps.put(name, new ArrayList<>());
        }
        for (Map.Entry<String, long[]> e : clocks.entrySet()) {
            Long req = requested.get(e.getKey());
            Long rdy = ready.get(e.getKey());
            long[] srv = served.get(e.getKey());
            long[] client = e.getValue();
            if (req == null || rdy == null || srv == null) {
                continue;
            }
            pool.add((rdy - req) * 1000);
            serve.add((srv[1] - srv[0]) * 1000);
            long[] marks = {client[0], req, srv[0], srv[1], rdy, client[1], client[2]};
            for (int i = 0; i < names.length; i++) {
                steps.get(names[i]).add((marks[i + 1] - marks[i]) * 1000);
            }
        }
        pool.sort(null);
        serve.sort(null);
        steps.values().forEach(l -> l.sort(null));
        return new Hops(pool, serve, steps);
    }

    private static long epochMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    /** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    /**
     * CPU time used so far (clock ticks) by this benchmark's own processes: this JVM (Kafka broker and
     * clients), each service, and PostgreSQL (the postmaster with the backends it reaped, plus live ones).
     */
    private static Map<String, Long> cpuTicks(int pgPort) {
        Map<String, Long> ticks = new java.util.TreeMap<>();
        long self = ProcessHandle.current().pid();
        long postmaster = -1;
        Map<Long, long[]> stats = new HashMap<>();
        Map<Long, String> commands = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(name);
                    // fields after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
                    stats.put(pid, new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]),
                        Long.parseLong(f[13]) + Long.parseLong(f[14])});
                    String cmd = new String(Files.readAllBytes(dir.resolve("cmdline"))).replace('\0', ' ');
                    commands.put(pid, cmd);
                    if (cmd.contains("bin/postgres ") && cmd.contains(" -p " + pgPort + " ")) {
                        postmaster = pid;
                    }
                } catch (Exception gone) {
                    // the process ended meanwhile
                }
            }
        } catch (Exception e) {
            return ticks;
        }
        for (Map.Entry<Long, long[]> e : stats.entrySet()) {
            long pid = e.getKey();
            long[] st = e.getValue();
            String cmd = commands.getOrDefault(pid, "");
            String group = null;
            if (pid == self) {
                group = "bench+kafka";
            } else if (pid == postmaster) {
                ticks.merge("postgres", st[2], Long::sum);
                ticks.merge("pg: ended backends", st[2], Long::sum);
                group = "postgres";
                ticks.merge("pg: postmaster", st[1], Long::sum);
            } else if (st[0] == postmaster) {
                group = "postgres";
                ticks.merge("pg: " + postgresRole(cmd), st[1], Long::sum);
            } else if (st[0] == self) {
                for (String service : PetriLocal.SERVICES.keySet()) {
                    if (cmd.contains(service + "-service/target/quarkus-app")) {
                        group = service;
                    }
                }
            }
            if (group != null) {
                ticks.merge(group, st[1], Long::sum);
            }
        }
        return ticks;
    }

    /**
     * What a live PostgreSQL process is for, from the title PostgreSQL gives it: an auxiliary process
     * ({@code checkpointer}, {@code autovacuum worker} …) or a backend's user and database.
     */
    static String postgresRole(String title) {
        String t = title.startsWith("postgres: ") ? title.substring("postgres: ".length()).trim() : title.trim();
        String[] words = t.split("\\s+");
        if (words.length >= 3 && words[2].contains("(")) {
            String user = words[0].startsWith("petri_u_") ? "(member logins)" : words[0];
            String db = words[1].startsWith("petri_env_") ? "(members)" : words[1];
            return user + " " + db;
        }
        return words.length >= 2 && words[1].equals("worker") ? words[0] + " worker" : words[0];
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static void awaitReady(HttpClient http, String api, String token, int wanted, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/api/pools"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                for (JsonNode p : JSON.readTree(r.body())) {
                    if ("bench".equals(p.path("image").asText()) && p.path("ready").asInt() >= wanted) {
                        return;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the pool did not reach " + wanted + " ready members in " + timeout);
    }

    private static void send(HttpClient http, HttpRequest request, int expected) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                    + r.statusCode() + ": " + r.body());
        }
    }

    private static long pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
