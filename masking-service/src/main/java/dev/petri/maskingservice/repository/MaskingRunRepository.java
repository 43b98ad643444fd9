package dev.petri.maskingservice.repository;

import dev.petri.common.Jdbc;
import dev.petri.maskingservice.MaskingRun;
import dev.petri.maskingservice.RunStatus;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The SQL of masking runs. */
@ApplicationScoped
public class MaskingRunRepository {

    private static final String COLUMNS = "SELECT image, version, status, request::text, outcome::text FROM masking_runs";

    private final Jdbc jdbc;

    @Inject
    public MaskingRunRepository(AgroalDataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** Records a new run; false when the run already exists (a redelivered request). */
    public boolean insertIfAbsent(String image, int version, String correlationId, String requestJson) {
        return jdbc.update("INSERT INTO masking_runs (image, version, status, correlation_id, request)"
                + " VALUES (?, ?, 'QUEUED', ?, ?::jsonb) ON CONFLICT DO NOTHING", image, version, correlationId,
                requestJson) == 1;
    }

    /** A run by its image version. */
    public Optional<MaskingRun> find(String image, int version) {
        return jdbc.queryOne(COLUMNS + " WHERE image = ? AND version = ?", MaskingRunRepository::map, image, version);
    }

    /** Runs that never ended (the service stopped while they ran). */
    public List<MaskingRun> unfinished() {
        return jdbc.query(COLUMNS + " WHERE status IN ('QUEUED','RUNNING') ORDER BY created_at",
                MaskingRunRepository::map);
    }

    /** Marks a run as running on a host and staging database. */
    public void markRunning(String image, int version, String host, String stagingDb) {
        jdbc.update("UPDATE masking_runs SET status = 'RUNNING', host = ?, staging_db = ?, updated_at = now()"
                + " WHERE image = ? AND version = ? AND status IN ('QUEUED','RUNNING')", host, stagingDb, image, version);
    }

    /** Records progress. */
    public void progress(String image, int version, String phase, int percent) {
        jdbc.update("UPDATE masking_runs SET phase = ?, percent = ?, updated_at = now() WHERE image = ? AND version = ?",
                phase, percent, image, version);
    }

    /** Ends a run with the event it produced. */
    public void finish(String image, int version, RunStatus status, String errorType, String error, String outcomeJson) {
        jdbc.update("UPDATE masking_runs SET status = ?, error_type = ?, error = ?, outcome = ?::jsonb,"
                + " percent = CASE WHEN ? = 'COMPLETED' THEN 100 ELSE percent END, updated_at = now()"
                + " WHERE image = ? AND version = ?", status.name(), errorType, error, outcomeJson, status.name(),
                image, version);
    }

    private static MaskingRun map(ResultSet rs) throws SQLException {
        return new MaskingRun(rs.getString(1), rs.getInt(2), RunStatus.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5));
    }
}
