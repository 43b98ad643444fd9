package dev.petri.pool.repository;

import dev.petri.common.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The SQL of image copies: an image version copied once onto each further host that clones it. */
@ApplicationScoped
public class ImageCopyRepository {

    /**
     * One copy of an image version on a host.
     *
     * @param image    image name
     * @param version  image version
     * @param host     the host holding the copy
     * @param database the copy's database on that host
     * @param status   COPYING, READY, FAILED or DROPPED
     */
    public record ImageCopy(String image, int version, String host, String database, String status) {
    }

    private static final String COLUMNS = "SELECT image, version, host, database, status FROM image_copies";

    private final Jdbc jdbc;
    private final UUID instance;

    @Inject
    public ImageCopyRepository(AgroalDataSource dataSource, PoolInstanceRepository instances) {
        this.jdbc = new Jdbc(dataSource);
        this.instance = instances.id();
    }

    public Optional<ImageCopy> find(String image, int version, String host) {
        return jdbc.queryOne(COLUMNS + " WHERE image = ? AND version = ? AND host = ?", ImageCopyRepository::map,
                image, version, host);
    }

    /**
     * Takes on making a copy: true for exactly one caller, from any instance, while no copy exists
     * or the last attempt failed or was dropped.
     */
    public boolean startCopy(String image, int version, String host, String database) {
        return jdbc.update("INSERT INTO image_copies (image, version, host, database, status, copied_by)"
                + " VALUES (?, ?, ?, ?, 'COPYING', ?::uuid) ON CONFLICT (image, version, host) DO UPDATE"
                + " SET status = 'COPYING', error = NULL, updated_at = now(), copied_by = excluded.copied_by"
                + " WHERE image_copies.status IN ('FAILED', 'DROPPED')", image, version, host, database,
                instance.toString()) == 1;
    }

    public void setStatus(String image, int version, String host, String status, String error) {
        jdbc.update("UPDATE image_copies SET status = ?, error = ?, updated_at = now()"
                + " WHERE image = ? AND version = ? AND host = ?", status, error, image, version, host);
    }

    /** Copies of one image version that exist or are being made. */
    public List<ImageCopy> liveOfVersion(String image, int version) {
        return jdbc.query(COLUMNS + " WHERE image = ? AND version = ? AND status IN ('COPYING', 'READY')",
                ImageCopyRepository::map, image, version);
    }

    /** Copies still COPYING since before a moment: their copier died. */
    /** Copies half-made: still COPYING since before a time, or by an instance that has stopped; none a live one makes. */
    public List<ImageCopy> stuckCopying(Instant before) {
        return jdbc.query(COLUMNS + " WHERE status = 'COPYING' AND (updated_at < ? OR "
                + PoolInstanceRepository.stopped("copied_by") + ")", ImageCopyRepository::map, before,
                instance.toString(), PoolInstanceRepository.DEAD_AFTER_SECONDS);
    }

    /** Database names of the live copies on a host. */
    public List<String> liveDatabases(String host) {
        return jdbc.query("SELECT database FROM image_copies WHERE host = ? AND status IN ('COPYING', 'READY')",
                rs -> rs.getString(1), host);
    }

    private static ImageCopy map(ResultSet rs) throws SQLException {
        return new ImageCopy(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }
}
