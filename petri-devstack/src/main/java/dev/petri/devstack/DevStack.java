package dev.petri.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The embedded development stack in one call: a real Kafka broker and a real PostgreSQL 18, both
 * local, plus the configuration each Petri service needs to use them.
 */
public final class DevStack implements AutoCloseable {

    private static DevStack shared;

    private final Path workDir;
    private final EmbeddedKafka kafka;
    private final EmbeddedPostgresServer postgres;
    private final String secretKey;
    private final boolean deleteOnClose;

    /**
     * How to start the stack.
     *
     * @param workDir       where Kafka logs live (and PostgreSQL data, unless {@code postgresDataDir} is set)
     * @param postgresDataDir PostgreSQL data directory; null for {@code workDir/pgdata}
     * @param kafkaPort     broker port, 0 for a free one
     * @param postgresPort  PostgreSQL port, 0 for a free one
     * @param secretKey     key the services share to seal secrets on the bus
     * @param deleteOnClose remove the work directory when the stack stops
     */
    public record Options(Path workDir, Path postgresDataDir, int kafkaPort, int postgresPort, String secretKey,
                          boolean deleteOnClose) {

        /** Throw-away options for tests: a temporary directory, free ports, a random key. */
        public static Options ephemeral() {
            try {
                return new Options(Files.createTempDirectory("petri-devstack"), null, 0, 0,
                        "test-" + UUID.randomUUID(), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private DevStack(Path workDir, EmbeddedKafka kafka, EmbeddedPostgresServer postgres, String secretKey,
                     boolean deleteOnClose) {
        this.workDir = workDir;
        this.kafka = kafka;
        this.postgres = postgres;
        this.secretKey = secretKey;
        this.deleteOnClose = deleteOnClose;
    }

    /** Starts the broker and the database server. */
    public static DevStack start(Options options) throws IOException {
        Path pgData = options.postgresDataDir() != null ? options.postgresDataDir() : options.workDir().resolve("pgdata");
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(pgData, options.postgresPort(),
                "pg-" + UUID.randomUUID().toString().replace("-", ""), false);
        EmbeddedKafka kafka;
        try {
            kafka = EmbeddedKafka.start(options.workDir().resolve("kafka"), options.kafkaPort(), 4);
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return new DevStack(options.workDir(), kafka, postgres, options.secretKey(), options.deleteOnClose());
    }

    /** One stack per JVM, shared by every test class, stopped when the JVM exits. */
    public static synchronized DevStack shared() {
        if (shared == null) {
            try {
                shared = start(Options.ephemeral());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            DevStack stack = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "petri-devstack-stop"));
        }
        return shared;
    }

    /** The broker. */
    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** The database server. */
    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    /** The key the services share to seal secrets. */
    public String secretKey() {
        return secretKey;
    }

    /** The database a service keeps its own tables in. */
    public static String serviceDatabase(String service) {
        return "petri_" + service.replace('-', '_') + "_service";
    }

    /**
     * Configuration for one service (masking, image, pool, provisioner): its own database, the
     * broker, the shared secret key, and this server as the host for staging, images and clones.
     */
    public Map<String, String> serviceConfig(String service) {
        String db = serviceDatabase(service);
        postgres.createDatabase(db);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(db));
        config.put("quarkus.datasource.username", EmbeddedPostgresServer.SUPERUSER);
        config.put("quarkus.datasource.password", postgres.password());
        config.put("petri.secret-key", secretKey);
        config.put("petri.hosts.local.engine", "postgres");
        config.put("petri.hosts.local.admin-url", postgres.jdbcUrl("postgres"));
        config.put("petri.hosts.local.username", EmbeddedPostgresServer.SUPERUSER);
        config.put("petri.hosts.local.password", postgres.password());
        config.put("petri.hosts.local.public-host", "127.0.0.1");
        config.put("petri.hosts.local.public-port", String.valueOf(postgres.port()));
        config.put("petri.hosts.local.capacity", "200");
        return config;
    }

    @Override
    public synchronized void close() {
        try {
            kafka.close();
        } catch (RuntimeException e) {
            System.err.println("stopping kafka: " + e.getMessage());
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("stopping postgres: " + e.getMessage());
        }
        if (deleteOnClose) {
            deleteTree(workDir);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot delete " + dir + ": " + e.getMessage());
        }
    }
}
