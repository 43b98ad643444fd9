package dev.petri.pool;

import dev.petri.devstack.DevStack;
import dev.petri.devstack.EmbeddedPostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Points the pool service at the shared dev stack (real Kafka, real PostgreSQL 18) plus a second,
 * separate PostgreSQL 18 server as a second database host, and a folder of team migrations.
 * Init arguments: {@code service} (its own tables' database), {@code capacity} (per host) and
 * {@code public-host} (the address developers are given for both hosts).
 */
public class PoolTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgresServer second;

    private String service = "pool";
    private String capacity = "200";
    private String publicHost = "127.0.0.1";

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service);
        capacity = initArgs.getOrDefault("capacity", capacity);
        publicHost = initArgs.getOrDefault("public-host", publicHost);
    }

    /** The second host's server, started once per JVM. */
    public static synchronized EmbeddedPostgresServer secondServer() {
        if (second == null) {
            try {
                Path dir = Files.createTempDirectory("petri-second-host");
                second = EmbeddedPostgresServer.start(dir.resolve("pgdata"), 0,
                        "second-" + UUID.randomUUID().toString().replace("-", ""), false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgresServer server = second;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    System.err.println("stopping the second host: " + e.getMessage());
                }
            }, "petri-second-host-stop"));
        }
        return second;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(DevStack.shared().serviceConfig(service));
        EmbeddedPostgresServer other = secondServer();
        config.put("petri.hosts.local.capacity", capacity);
        config.put("petri.hosts.local.public-host", publicHost);
        config.put("petri.hosts.second.engine", "postgres");
        config.put("petri.hosts.second.admin-url", other.jdbcUrl("postgres"));
        config.put("petri.hosts.second.username", EmbeddedPostgresServer.SUPERUSER);
        config.put("petri.hosts.second.password", other.password());
        config.put("petri.hosts.second.public-host", publicHost);
        config.put("petri.hosts.second.public-port", String.valueOf(other.port()));
        config.put("petri.hosts.second.capacity", capacity);
        config.put("petri.pool.migrations-dir", migrations().toString());
        config.put("petri.pool.expiry-check-interval", "1s");
        config.put("petri.pool.refill-interval", "2s");
        config.put("petri.pool.recovery-interval", "1h");
        config.put("petri.pool.drop-check-interval", "1s");
        config.put("petri.pool.drop-max-delay-seconds", "20");
        return config;
    }

    private static Path migrations() {
        try {
            Path dir = Files.createTempDirectory("petri-migrations");
            Files.writeString(dir.resolve("V1__widgets.sql"),
                    "CREATE TABLE widgets (id bigint PRIMARY KEY, name text NOT NULL);\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // the servers are shared by every test class of the JVM and stop with it
    }
}
