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
    private static final String VERSION = "SELECT image, version, status, host, database, trigger, created_at,"
            + " ready_at, source_time, size_bytes, policy_hash, error_type FROM image_versions";

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

    /** Replaces a definition's policy; returns true when what a build depends on changed. */
    public boolean updatePolicy(String name, String policyJson, String hash) {
        return jdbc.update("UPDATE image_definitions SET policy = ?::jsonb, definition_hash = ?, updated_at = now()"
                + " WHERE name = ? AND definition_hash IS DISTINCT FROM ?", policyJson, hash, name, hash) == 1;
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
        // only ever set here: the running build's end clears it (takeRebuildPending), so a concurrent
        // winner cannot wipe out the loser's request
        jdbc.update("UPDATE image_definitions SET rebuild_pending = rebuild_pending OR ?, last_build_requested_at = now()"
                + " WHERE name = ?", version.isEmpty(), image);
        return version;
    }

    /** Clears the rebuild mark; true when it was set. */
    public boolean takeRebuildPending(String image) {
        return jdbc.update("UPDATE image_definitions SET rebuild_pending = false WHERE name = ? AND rebuild_pending",
                image) == 1;
    }

    /** Versions still BUILDING that were started before a moment. */
    public List<ImageVersion> buildingSince(Instant before) {
        return jdbc.query(VERSION + " WHERE status = 'BUILDING' AND created_at < ?", ImageRepository::mapVersion, before);
    }

    public Optional<ImageVersion> version(String image, int version) {
        return jdbc.queryOne(VERSION + " WHERE image = ? AND version = ?", ImageRepository::mapVersion, image, version);
    }

    /** Every version of an image, newest first. */
    public List<ImageVersion> versions(String image) {
        return jdbc.query(VERSION + " WHERE image = ? ORDER BY version DESC", ImageRepository::mapVersion, image);
    }

    /** The masking report of a version as JSON, if it has one. */
    public Optional<String> report(String image, int version) {
        return jdbc.queryOne("SELECT report::text FROM image_versions WHERE image = ? AND version = ? AND report IS NOT NULL",
                rs -> rs.getString(1), image, version);
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
                                String policyHash, String reportJson) {
        jdbc.update("UPDATE image_versions SET host = ?, database = ?, size_bytes = ?, source_time = ?, policy_hash = ?,"
                + " report = ?::jsonb WHERE image = ? AND version = ?", host, database, size, sourceTime, policyHash,
                reportJson, image, version);
    }

    /** The correlation id a version's build was started with. */
    public Optional<String> correlationId(String image, int version) {
        return jdbc.queryOne("SELECT correlation_id FROM image_versions WHERE image = ? AND version = ?",
                rs -> rs.getString(1), image, version);
    }

    public void recordFailure(String image, int version, String errorType, String error, String reportJson) {
        jdbc.update("UPDATE image_versions SET error_type = ?, error = ?, report = coalesce(?::jsonb, report)"
                + " WHERE image = ? AND version = ?", errorType, error, reportJson, image, version);
    }

    /** Records an environment made from a version; a drop already seen for it wins. */
    public void environmentReady(String environmentId, String image, int version) {
        jdbc.update("INSERT INTO image_environments (environment_id, image, version) VALUES (?, ?, ?)"
                + " ON CONFLICT (environment_id) DO UPDATE SET version = excluded.version"
                + " WHERE image_environments.version IS NULL", environmentId, image, version);
    }

    /** Records that an environment is gone, also when its ready was not seen (yet). */
    public void environmentDropped(String environmentId, String image) {
        jdbc.update("INSERT INTO image_environments (environment_id, image, dropped_at) VALUES (?, ?, now())"
                + " ON CONFLICT (environment_id) DO UPDATE SET dropped_at = coalesce(image_environments.dropped_at, now())",
                environmentId, image);
    }

    /** How many environments made from a version are still live. */
    public int liveEnvironments(String image, int version) {
        return jdbc.queryOne("SELECT count(*) FROM image_environments WHERE image = ? AND version = ?"
                + " AND dropped_at IS NULL", rs -> rs.getInt(1), image, version).orElse(0);
    }

    private static ImageDefinition mapDefinition(ResultSet rs) throws SQLException {
        return new ImageDefinition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), rs.getBoolean(7), Jdbc.instant(rs, "last_build_requested_at"));
    }

    private static ImageVersion mapVersion(ResultSet rs) throws SQLException {
        return new ImageVersion(rs.getString(1), rs.getInt(2), VersionStatus.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString("trigger"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "ready_at"),
                Jdbc.instant(rs, "source_time"), rs.getObject("size_bytes", Long.class), rs.getString("policy_hash"),
                rs.getString("error_type"));
    }
}
