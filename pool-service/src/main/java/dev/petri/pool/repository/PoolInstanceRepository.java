package dev.petri.pool.repository;

import dev.petri.common.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * This instance of the pool service among the others that share its database: each has an id, records the work it
 * starts under it (members it builds, image copies it makes) and beats a heartbeat; work recorded under an instance
 * whose heartbeat stopped is half-done work to recover, work of a live instance is not.
 */
@ApplicationScoped
public class PoolInstanceRepository {

    /** How often an instance beats (the scheduler reads this key's default too). */
    public static final String HEARTBEAT_EVERY = "5s";
    /** An instance silent for this long has stopped. */
    public static final int DEAD_AFTER_SECONDS = 30;

    /**
     * SQL: true when the instance whose id is the given column has stopped (no live heartbeat, or none at all); the
     * instance asking is never taken for stopped. Takes two parameters: this instance's id and {@link #DEAD_AFTER_SECONDS}.
     */
    public static String stopped(String column) {
        return "(" + column + " IS NULL OR (" + column + " <> ?::uuid AND NOT EXISTS (SELECT 1 FROM pool_instances i"
                + " WHERE i.id = " + column + " AND i.heartbeat_at >= now() - make_interval(secs => ?))))";
    }

    private final UUID id = UUID.randomUUID();
    private final Jdbc jdbc;

    @Inject
    public PoolInstanceRepository(AgroalDataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** This instance's id. */
    public UUID id() {
        return id;
    }

    /** Records this instance as alive (at start-up, and again should its row have been removed). */
    public void heartbeat() {
        if (jdbc.update("UPDATE pool_instances SET heartbeat_at = now() WHERE id = ?::uuid", id.toString()) == 0) {
            jdbc.update("INSERT INTO pool_instances (id) VALUES (?::uuid) ON CONFLICT (id) DO UPDATE"
                    + " SET heartbeat_at = now()", id.toString());
        }
    }

    /** Forgets instances silent for a day (recovery has long taken their work). */
    public void forgetLongGone() {
        jdbc.update("DELETE FROM pool_instances WHERE heartbeat_at < now() - interval '1 day'");
    }

    /** This instance stops: its unfinished work is recovered by the next recovery of any instance. */
    public void leave() {
        jdbc.update("DELETE FROM pool_instances WHERE id = ?::uuid", id.toString());
    }
}
