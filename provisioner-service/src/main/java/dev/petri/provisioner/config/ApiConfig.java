package dev.petri.provisioner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the public API. */
@ConfigMapping(prefix = "petri.api")
public interface ApiConfig {

    /** The admin token ({@code PETRI_ADMIN_TOKEN}); admins create user and CI tokens. */
    String adminToken();

    /** How long {@code POST /api/environments} waits for the environment when the request names no wait. */
    @WithDefault("PT30S")
    Duration defaultWait();

    /** Longest wait a request may ask for. */
    @WithDefault("PT120S")
    Duration maxWait();

    /** Time-to-live when the request names none. */
    @WithDefault("PT8H")
    Duration defaultTtl();

    /** Shortest time-to-live a request may ask for. */
    @WithDefault("PT5M")
    Duration minTtl();

    /** Longest time-to-live a request (or an extension) may ask for. */
    @WithDefault("72")
    int ttlMaxHours();

    /** Largest warm pool an image may ask for. */
    @WithDefault("50")
    int maxPoolSize();

    /** How often unanswered environment requests are published again. */
    @WithDefault("10s")
    String republishInterval();
}
