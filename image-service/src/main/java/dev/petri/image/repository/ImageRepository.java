package dev.petri.image.repository;

import dev.petri.common.Jdbc;
import dev.petri.image.ImageDefinition;
import dev.petri.image.ImageVersion;
import dev.petri.image.VersionStatus;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The SQL of image definitions and versions. */
@ApplicationScoped
public class ImageRepository {

    private static final String DEFINITION = "SELECT name, engine, source::text, refresh_cron, pool_size, policy::text,"
            + " rebuild_pending, last_build_requested_at FROM image_definitions";
    private static final String VERSION = "SELECT image, version, status, host, database FROM image_versions";

    private final Jdbc jdbc;

    @Inject
    public ImageRepository(AgroalDataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** Inserts or updates a definition; returns true when what a build depends on changed (or it is new). */
    public boolean upsertDefinition(String name, String engine, String sourceJson, String cron, int poolSize,
                                    String policyJson, String hash) {
        Optional<String> before = jdbc.queryOne("SELECT definition_hash FROM image_definitions WHERE name = ?",
                rs -> rs.getString(1), name);
        jdbc.update("INSERT INTO image_definitions (name, engine, source, refresh_cron, pool_size, policy, definition_hash)"
                + " VALUES (?, ?, ?::jsonb, ?, ?, ?::jsonb, ?) ON CONFLICT (name) DO UPDATE SET engine = excluded.engine,"
                + " source = excluded.source, refresh_cron = excluded.refresh_cron, pool_size = excluded.pool_size,"
                + " policy = excluded.policy, definition_hash = excluded.definition_hash, updated_at = now()",
                name, engine, sourceJson, cron, poolSize, policyJson, hash);
        return before.isEmpty() || !before.get().equals(hash);
    }

    public Optional<ImageDefinition> definition(String name) {
        return jdbc.queryOne(DEFINITION + " WHERE name = ?", ImageRepository::mapDefinition, name);
    }

    public List<ImageDefinition> scheduledDefinitions() {
        return jdbc.query(DEFINITION + " WHERE refresh_cron IS NOT NULL", ImageRepository::mapDefinition);
    }

    /**
     * Starts the next version unless a build is running; returns its number, or empty when another
     * build runs (which is then marked to be followed by a rebuild).
     */
    public Optional<Integer> startBuild(String image, String correlationId, String trigger) {
        Optional<Integer> version = jdbc.queryOne("INSERT INTO image_versions (image, version, status, correlation_id, trigger)"
                + " SELECT ?, coalesce(max(version), 0) + 1, 'BUILDING', ?, ? FROM image_versions WHERE image = ?"
                + " HAVING NOT coalesce(bool_or(status = 'BUILDING'), false)"
                + " ON CONFLICT DO NOTHING RETURNING version", rs -> rs.getInt(1), image, correlationId, trigger, image);
        jdbc.update("UPDATE image_definitions SET rebuild_pending = ?, last_build_requested_at = now() WHERE name = ?",
                version.isEmpty(), image);
        return version;
    }

    /** Clears the rebuild mark; true when it was set. */
    public boolean takeRebuildPending(String image) {
        return jdbc.update("UPDATE image_definitions SET rebuild_pending = false WHERE name = ? AND rebuild_pending",
                image) == 1;
    }

    public Optional<ImageVersion> version(String image, int version) {
        return jdbc.queryOne(VERSION + " WHERE image = ? AND version = ?", ImageRepository::mapVersion, image, version);
    }

    /** READY versions of an image, newest first. */
    public List<ImageVersion> readyVersions(String image) {
        return jdbc.query(VERSION + " WHERE image = ? AND status = 'READY' ORDER BY version DESC",
                ImageRepository::mapVersion, image);
    }

    /** Moves a version from one status to another; false when it was not in the expected status. */
    public boolean transition(String image, int version, VersionStatus from, VersionStatus to) {
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException("an image version cannot move from " + from + " to " + to);
        }
        return jdbc.update("UPDATE image_versions SET status = ?,"
                + " ready_at = CASE WHEN ? = 'READY' THEN now() ELSE ready_at END,"
                + " retired_at = CASE WHEN ? = 'RETIRED' THEN now() ELSE retired_at END"
                + " WHERE image = ? AND version = ? AND status = ?", to.name(), to.name(), to.name(), image, version,
                from.name()) == 1;
    }

    public void recordPublished(String image, int version, String host, String database, long size, Instant sourceTime,
                                String policyHash) {
        jdbc.update("UPDATE image_versions SET host = ?, database = ?, size_bytes = ?, source_time = ?, policy_hash = ?"
                + " WHERE image = ? AND version = ?", host, database, size, sourceTime, policyHash, image, version);
    }

    public void recordFailure(String image, int version, String errorType, String error) {
        jdbc.update("UPDATE image_versions SET error_type = ?, error = ? WHERE image = ? AND version = ?",
                errorType, error, image, version);
    }

    private static ImageDefinition mapDefinition(ResultSet rs) throws SQLException {
        return new ImageDefinition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), rs.getBoolean(7), Jdbc.instant(rs, "last_build_requested_at"));
    }

    private static ImageVersion mapVersion(ResultSet rs) throws SQLException {
        return new ImageVersion(rs.getString(1), rs.getInt(2), VersionStatus.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5));
    }
}
