package dev.petri.pool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the pool service. */
@ConfigMapping(prefix = "petri.pool")
public interface PoolConfig {

    /** Time-to-live of an environment when the request names none. */
    @WithDefault("PT8H")
    Duration defaultTtl();

    /** Longest time-to-live an environment may have, counted from now, also when extended. */
    @WithDefault("72")
    int ttlMaxHours();

    /** How many members each host builds at once. */
    @WithDefault("2")
    int buildParallelismPerHost();

    /**
     * Claims within this many milliseconds make a burst: refills hold back meanwhile (unless the pool
     * is down to its low-water mark) and start once claims pause this long.
     */
    @WithDefault("1000")
    int refillQuietMs();

    /** During a burst of claims, a pool refills only when its READY members fall below this share of its target. */
    @WithDefault("10")
    int burstLowWaterPercent();

    /**
     * How many released members' databases each host drops at once once claims pause. Until dropped,
     * a released member's database counts toward its host's capacity: it still uses the disk.
     */
    @WithDefault("2")
    int dropParallelismPerHost();

    /**
     * Longest a released member's database waits for claims to pause before it is dropped anyway, so
     * that pending drops never pile up during a long run of claims.
     */
    @WithDefault("60")
    int dropMaxDelaySeconds();

    /** How often pending drops are looked for (the scheduler reads this key), besides after each release. */
    @WithDefault("5s")
    String dropCheckInterval();

    /** A member still PROVISIONING after this long is considered stuck, dropped and rebuilt. */
    @WithDefault("600")
    int stuckAfterSeconds();

    /** How often expired environments are looked for (the scheduler reads this key). */
    @WithDefault("5s")
    String expiryCheckInterval();

    /** How often every pool is checked against its target, besides the refills each change triggers. */
    @WithDefault("10s")
    String refillInterval();

    /** How often stuck members, unfinished image copies and orphaned databases are looked for. */
    @WithDefault("60s")
    String recoveryInterval();

    /** Folder of Flyway migrations deployed on every member (the team's latest schema), if any. */
    Optional<String> migrationsDir();

}
