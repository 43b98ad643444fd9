package dev.petri.provisioner.repository;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petri.common.Jdbc;
import dev.petri.events.EventJson;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The front door's read model of images, their versions and pools, kept from the events. */
@ApplicationScoped
public class ImageViewRepository {

    private final Jdbc jdbc;

    @Inject
    public ImageViewRepository(AgroalDataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** Records a definition as submitted (no secrets in it); a new image starts BUILDING. */
    public void upsertDefinition(String name, String engine, int poolSize, String cron, String definitionJson) {
        jdbc.update("INSERT INTO images (name, engine, status, pool_size, refresh_cron, definition)"
                + " VALUES (?, ?, 'BUILDING', ?, ?, ?::jsonb) ON CONFLICT (name) DO UPDATE SET engine = excluded.engine,"
                + " pool_size = excluded.pool_size, refresh_cron = excluded.refresh_cron,"
                + " definition = excluded.definition, updated_at = now()", name, engine, poolSize, cron, definitionJson);
    }

    /** The policy overrides an image applies, as JSON ({@code null} for none), if the image exists. */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> policy(String name) {
        return jdbc.queryOne("SELECT (definition -> 'policy')::text FROM images WHERE name = ?"
                        + " AND jsonb_typeof(definition -> 'policy') = 'object'", rs -> rs.getString(1), name)
                .map(json -> (Map<String, Object>) EventJson.read(json, Map.class));
    }

    /** Replaces the policy overrides of an image's definition with an applied policy file. */
    public void updatePolicy(String name, String policyJson) {
        jdbc.update("UPDATE images SET definition = jsonb_set(definition, '{policy}', ?::jsonb), updated_at = now()"
                + " WHERE name = ?", policyJson, name);
    }

    /**
     * Whether environments can be made of an image, read from its row alone (the claim path's check).
     *
     * @param status  BUILDING, READY or FAILED
     * @param usable  it has a ready version
     * @param percent progress of the running build
     */
    public record Readiness(String status, boolean usable, int percent) {
    }

    public Optional<Readiness> readiness(String name) {
        return jdbc.queryOne("SELECT status, latest_ready_version IS NOT NULL, coalesce(percent, 0) FROM images"
                + " WHERE name = ?", rs -> new Readiness(rs.getString(1), rs.getBoolean(2), rs.getInt(3)), name);
    }

    public boolean exists(String name) {
        return jdbc.queryOne("SELECT 1 FROM images WHERE name = ?", rs -> true, name).isPresent();
    }

    /*
     * The events of one build come on different topics, so they can arrive in any order: a build that fails at
     * once (a missing backup file) can have its failure recorded before its start. Each method below therefore
     * creates the version's row if it is missing, and the start of a build never overwrites what came later.
     */

    /** Records that a build started; a redelivered or late event (the version is known already) changes nothing. */
    public void buildStarted(String image, int version, String trigger) {
        if (jdbc.update("INSERT INTO image_versions (image, version, status, trigger) VALUES (?, ?, 'BUILDING', ?)"
                + " ON CONFLICT DO NOTHING", image, version, trigger) == 0) {
            jdbc.update("UPDATE image_versions SET trigger = ? WHERE image = ? AND version = ? AND trigger IS NULL",
                    trigger, image, version);
            return;
        }
        jdbc.update("UPDATE images SET status = 'BUILDING', latest_version = greatest(coalesce(latest_version, 0), ?),"
                + " phase = 'queued', percent = 0, progress_table = NULL, error_type = NULL, error = NULL,"
                + " updated_at = now() WHERE name = ?", version, image);
    }

    public void progress(String image, int version, String phase, String table, int percent) {
        jdbc.update("UPDATE images SET phase = ?, progress_table = ?, percent = ?, updated_at = now()"
                + " WHERE name = ? AND latest_version = ? AND status = 'BUILDING'", phase, table, percent, image, version);
    }

    public void maskingCompleted(String image, int version, long size, Instant sourceTime, String policyHash,
                                 String reportJson) {
        jdbc.update("INSERT INTO image_versions (image, version, status) VALUES (?, ?, 'BUILDING') ON CONFLICT DO NOTHING",
                image, version);
        jdbc.update("UPDATE image_versions SET size_bytes = ?, source_time = ?, policy_hash = ?, report = ?::jsonb"
                + " WHERE image = ? AND version = ?", size, sourceTime, policyHash, reportJson, image, version);
        jdbc.update("UPDATE images SET phase = 'publishing', percent = 100, updated_at = now()"
                + " WHERE name = ? AND latest_version = ?", image, version);
    }

    /**
     * Records a failed build; false when this version was already recorded as failed. The first failure
     * stays the version's error (a masking run that ends after the image service failed its build on a
     * timeout reports a failure of its own); a later one adds only a report the first lacked.
     */
    public boolean buildFailed(String image, int version, String errorType, String error, String reportJson) {
        boolean first = jdbc.queryOne("SELECT 1 FROM image_versions WHERE image = ? AND version = ? AND status = 'FAILED'",
                rs -> true, image, version).isEmpty();
        if (!first) {
            jdbc.update("UPDATE image_versions SET report = coalesce(report, ?::jsonb) WHERE image = ? AND version = ?",
                    reportJson, image, version);
            return false;
        }
        jdbc.update("INSERT INTO image_versions (image, version, status) VALUES (?, ?, 'FAILED') ON CONFLICT DO NOTHING",
                image, version);
        jdbc.update("UPDATE image_versions SET status = 'FAILED', error_type = ?, error = ?,"
                + " report = coalesce(?::jsonb, report) WHERE image = ? AND version = ?", errorType, error, reportJson,
                image, version);
        jdbc.update("UPDATE images SET status = 'FAILED', error_type = ?, error = ?, phase = NULL,"
                + " latest_version = greatest(coalesce(latest_version, 0), ?), updated_at = now()"
                + " WHERE name = ? AND coalesce(latest_version, 0) <= ?", errorType, error, version, image, version);
        return first;
    }

    public void versionReady(String image, int version, String database, long size) {
        jdbc.update("INSERT INTO image_versions (image, version, status) VALUES (?, ?, 'READY') ON CONFLICT DO NOTHING",
                image, version);
        jdbc.update("UPDATE image_versions SET status = 'READY', database = ?, size_bytes = coalesce(size_bytes, ?),"
                + " ready_at = now() WHERE image = ? AND version = ?", database, size, image, version);
        jdbc.update("UPDATE images SET latest_ready_version = greatest(coalesce(latest_ready_version, 0), ?),"
                + " status = CASE WHEN coalesce(latest_version, 0) <= ? THEN 'READY' ELSE status END,"
                + " latest_version = greatest(coalesce(latest_version, 0), ?),"
                + " phase = CASE WHEN coalesce(latest_version, 0) <= ? THEN NULL ELSE phase END,"
                + " error_type = NULL, error = NULL, updated_at = now() WHERE name = ?",
                version, version, version, version, image);
    }

    public void versionRetired(String image, int version) {
        jdbc.update("UPDATE image_versions SET status = 'RETIRED' WHERE image = ? AND version = ?", image, version);
    }

    public void poolStatus(String image, int version, int target, int ready, int provisioning, int claimed,
                           String cloneMethod) {
        jdbc.update("INSERT INTO pools (image, image_version, target, ready, provisioning, claimed, clone_method)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (image) DO UPDATE SET image_version = excluded.image_version,"
                + " target = excluded.target, ready = excluded.ready, provisioning = excluded.provisioning,"
                + " claimed = excluded.claimed, clone_method = excluded.clone_method, updated_at = now()",
                image, version, target, ready, provisioning, claimed, cloneMethod);
    }

    /** Every image as the API shows it. */
    public List<Map<String, Object>> images() {
        return jdbc.query(IMAGE_QUERY + " ORDER BY i.name", this::imageView);
    }

    public Optional<Map<String, Object>> image(String name) {
        return jdbc.queryOne(IMAGE_QUERY + " WHERE i.name = ?", this::imageView, name).map(view -> {
            view.put("versions", jdbc.query("SELECT version, status, trigger, size_bytes, source_time, policy_hash,"
                    + " error_type, error, created_at, ready_at FROM image_versions WHERE image = ? ORDER BY version DESC",
                    ImageViewRepository::versionView, name));
            return view;
        });
    }

    /** The masking report of one version, if it has one. */
    public Optional<JsonNode> report(String image, int version) {
        return jdbc.queryOne("SELECT report::text FROM image_versions WHERE image = ? AND version = ?"
                + " AND report IS NOT NULL", rs -> readTree(rs.getString(1)), image, version);
    }

    /**
     * The state of one version, as far as the front door knows it.
     *
     * @param status    BUILDING, READY, FAILED or RETIRED
     * @param errorType the kind of failure of a failed build, or null
     * @param error     what went wrong, or null
     */
    public record VersionState(String status, String errorType, String error) {
    }

    public Optional<VersionState> versionState(String image, int version) {
        return jdbc.queryOne("SELECT status, error_type, error FROM image_versions WHERE image = ? AND version = ?",
                rs -> new VersionState(rs.getString(1), rs.getString(2), rs.getString(3)), image, version);
    }

    public boolean versionExists(String image, int version) {
        return jdbc.queryOne("SELECT 1 FROM image_versions WHERE image = ? AND version = ?", rs -> true, image, version)
                .isPresent();
    }

    /** Every pool as the API shows it. */
    public List<Map<String, Object>> pools() {
        return jdbc.query("SELECT i.name, p.image_version, coalesce(p.target, i.pool_size), coalesce(p.ready, 0),"
                + " coalesce(p.provisioning, 0), coalesce(p.claimed, 0), p.clone_method, p.updated_at"
                + " FROM images i LEFT JOIN pools p ON p.image = i.name ORDER BY i.name", rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("image", rs.getString(1));
                    m.put("version", (Integer) rs.getObject(2));
                    m.put("target", rs.getInt(3));
                    m.put("ready", rs.getInt(4));
                    m.put("provisioning", rs.getInt(5));
                    m.put("claimed", rs.getInt(6));
                    m.put("cloneMethod", rs.getString(7));
                    m.put("updatedAt", Jdbc.instant(rs, "updated_at"));
                    return m;
                });
    }

    private static final String IMAGE_QUERY = "SELECT i.name, i.engine, i.status, i.pool_size, i.refresh_cron,"
            + " i.latest_version, i.latest_ready_version, i.phase, i.percent, i.progress_table, i.error_type, i.error,"
            + " i.updated_at, i.definition::text, p.clone_method FROM images i LEFT JOIN pools p ON p.image = i.name";

    private Map<String, Object> imageView(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", rs.getString("name"));
        m.put("engine", rs.getString("engine"));
        m.put("status", rs.getString("status"));
        m.put("latestVersion", (Integer) rs.getObject("latest_version"));
        m.put("latestReadyVersion", (Integer) rs.getObject("latest_ready_version"));
        m.put("usable", rs.getObject("latest_ready_version") != null);
        if ("BUILDING".equals(rs.getString("status"))) {
            Map<String, Object> progress = new LinkedHashMap<>();
            progress.put("phase", rs.getString("phase"));
            progress.put("table", rs.getString("progress_table"));
            progress.put("percent", rs.getObject("percent") == null ? 0 : rs.getInt("percent"));
            m.put("progress", progress);
        }
        if (rs.getString("error") != null) {
            m.put("error", Map.of("type", rs.getString("error_type"), "detail", rs.getString("error")));
        }
        m.put("refresh", rs.getString("refresh_cron"));
        m.put("pool", Map.of("size", rs.getInt("pool_size")));
        m.put("cloneMethod", rs.getString("clone_method"));
        JsonNode definition = readTree(rs.getString("definition"));
        m.put("source", definition.path("source"));
        // the policy the builds mask with: the definition's, or the file applied last (PUT …/policy)
        m.put("policy", definition.path("policy").isMissingNode() ? null : definition.path("policy"));
        m.put("updatedAt", Jdbc.instant(rs, "updated_at"));
        return m;
    }

    private static Map<String, Object> versionView(ResultSet rs) throws SQLException {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("version", rs.getInt("version"));
        v.put("status", rs.getString("status"));
        v.put("trigger", rs.getString("trigger"));
        v.put("sizeBytes", (Long) rs.getObject("size_bytes"));
        v.put("sourceTime", Jdbc.instant(rs, "source_time"));
        v.put("policyHash", rs.getString("policy_hash"));
        v.put("createdAt", Jdbc.instant(rs, "created_at"));
        v.put("readyAt", Jdbc.instant(rs, "ready_at"));
        if (rs.getString("error") != null) {
            v.put("error", Map.of("type", rs.getString("error_type"), "detail", rs.getString("error")));
        }
        return v;
    }

    private static JsonNode readTree(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
