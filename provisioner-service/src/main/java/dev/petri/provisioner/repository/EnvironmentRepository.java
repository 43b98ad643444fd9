package dev.petri.provisioner.repository;

import dev.petri.common.Jdbc;
import dev.petri.provisioner.Environment;
import dev.petri.provisioner.EnvironmentStatus;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The SQL of environments as the front door knows them. */
@ApplicationScoped
public class EnvironmentRepository {

    private static final String COLUMNS = "SELECT id, owner, image, label, ttl_seconds, status, image_version, engine,"
            + " host, port, database, username, password_sealed, expires_at, cold, error_type, error, created_at"
            + " FROM environments";

    private final Jdbc jdbc;

    @Inject
    public EnvironmentRepository(AgroalDataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** Records a request; false when the owner already used this idempotency key. */
    public boolean insertRequested(String id, String owner, String image, String label, long ttlSeconds,
                                   String idempotencyKey) {
        return jdbc.update("INSERT INTO environments (id, owner, image, label, ttl_seconds, status, idempotency_key)"
                + " VALUES (?, ?, ?, ?, ?, 'REQUESTED', ?) ON CONFLICT DO NOTHING", id, owner, image, label, ttlSeconds,
                idempotencyKey) == 1;
    }

    public Optional<Environment> byIdempotencyKey(String owner, String key) {
        return jdbc.queryOne(COLUMNS + " WHERE owner = ? AND idempotency_key = ?", EnvironmentRepository::map, owner, key);
    }

    public Optional<Environment> byId(String id) {
        return jdbc.queryOne(COLUMNS + " WHERE id = ?", EnvironmentRepository::map, id);
    }

    /** Environments of an owner (every owner's when null), newest first; ended ones only when asked. */
    public List<Environment> list(String owner, boolean includeEnded) {
        String where = (owner == null ? " WHERE true" : " WHERE owner = ?")
                + (includeEnded ? "" : " AND status IN ('REQUESTED','READY','RELEASING')");
        String sql = COLUMNS + where + " ORDER BY created_at DESC LIMIT 500";
        return owner == null ? jdbc.query(sql, EnvironmentRepository::map) : jdbc.query(sql, EnvironmentRepository::map, owner);
    }

    /** Environments by label (for webhooks: one per repository and pull request). */
    public List<Environment> activeByLabel(String label) {
        return jdbc.query(COLUMNS + " WHERE label = ? AND status IN ('REQUESTED','READY')", EnvironmentRepository::map,
                label);
    }

    /** Records a request's environment as ready; false when it was no longer being requested. */
    public boolean ready(String id, int version, String engine, String host, int port, String database, String username,
                         String passwordSealed, Instant expiresAt, boolean cold) {
        return jdbc.update("UPDATE environments SET status = 'READY', image_version = ?, engine = ?, host = ?, port = ?,"
                + " database = ?, username = ?, password_sealed = ?, expires_at = ?, cold = ?, updated_at = now()"
                + " WHERE id = ? AND status = 'REQUESTED'", version, engine, host, port, database, username,
                passwordSealed, expiresAt, cold, id) == 1;
    }

    /** Records a request as failed; false when it was no longer being requested. */
    public boolean failed(String id, String errorType, String error) {
        return jdbc.update("UPDATE environments SET status = 'FAILED', error_type = ?, error = ?, updated_at = now()"
                + " WHERE id = ? AND status = 'REQUESTED'", errorType, error, id) == 1;
    }

    /** Moves an environment to a status, unless it already ended. */
    public boolean setStatus(String id, EnvironmentStatus status) {
        return jdbc.update("UPDATE environments SET status = ?, password_sealed = CASE WHEN ? IN ('DROPPED','EXPIRED')"
                + " THEN NULL ELSE password_sealed END, updated_at = now()"
                + " WHERE id = ? AND status IN ('REQUESTED','READY','RELEASING')", status.name(), status.name(), id) == 1;
    }

    public void extended(String id, Instant expiresAt) {
        jdbc.update("UPDATE environments SET expires_at = ?, updated_at = now() WHERE id = ?", expiresAt, id);
    }

    /** Requests still unanswered since before a moment (their event may need publishing again). */
    public List<Environment> requestedBefore(Instant before) {
        return jdbc.query(COLUMNS + " WHERE status = 'REQUESTED' AND updated_at < ?", EnvironmentRepository::map, before);
    }

    public void touch(String id) {
        jdbc.update("UPDATE environments SET updated_at = now() WHERE id = ?", id);
    }

    private static Environment map(ResultSet rs) throws SQLException {
        return new Environment(rs.getString("id"), rs.getString("owner"), rs.getString("image"), rs.getString("label"),
                rs.getLong("ttl_seconds"), EnvironmentStatus.valueOf(rs.getString("status")),
                (Integer) rs.getObject("image_version"), rs.getString("engine"), rs.getString("host"),
                (Integer) rs.getObject("port"), rs.getString("database"), rs.getString("username"),
                rs.getString("password_sealed"), Jdbc.instant(rs, "expires_at"), rs.getBoolean("cold"),
                rs.getString("error_type"), rs.getString("error"), Jdbc.instant(rs, "created_at"));
    }
}
