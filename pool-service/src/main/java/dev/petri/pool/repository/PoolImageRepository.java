package dev.petri.pool.repository;

import dev.petri.common.Jdbc;
import dev.petri.pool.PoolImage;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The SQL of the image versions a pool clones, and of pool targets. */
@ApplicationScoped
public class PoolImageRepository {

    private static final String COLUMNS = "SELECT image, version, engine, host, database, status FROM pool_images";

    private final Jdbc jdbc;

    @Inject
    public PoolImageRepository(AgroalDataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public void addActive(String image, int version, String engine, String host, String database) {
        jdbc.update("INSERT INTO pool_images (image, version, engine, host, database, status)"
                + " VALUES (?, ?, ?, ?, ?, 'ACTIVE') ON CONFLICT DO NOTHING", image, version, engine, host, database);
    }

    public void retire(String image, int version) {
        jdbc.update("UPDATE pool_images SET status = 'RETIRED' WHERE image = ? AND version = ?", image, version);
    }

    /** The newest active version of an image. */
    public Optional<PoolImage> current(String image) {
        return jdbc.queryOne(COLUMNS + " WHERE image = ? AND status = 'ACTIVE' ORDER BY version DESC LIMIT 1",
                PoolImageRepository::map, image);
    }

    /** Every image's newest active version. */
    public List<PoolImage> currentAll() {
        return jdbc.query("SELECT DISTINCT ON (image) image, version, engine, host, database, status FROM pool_images"
                + " WHERE status = 'ACTIVE' ORDER BY image, version DESC", PoolImageRepository::map);
    }

    /** Active versions older than an image's newest. */
    public List<PoolImage> olderActive(String image, int newest) {
        return jdbc.query(COLUMNS + " WHERE image = ? AND status = 'ACTIVE' AND version < ?", PoolImageRepository::map,
                image, newest);
    }

    public void setTarget(String image, int size) {
        jdbc.update("INSERT INTO pool_targets (image, size) VALUES (?, ?) ON CONFLICT (image) DO UPDATE"
                + " SET size = excluded.size, updated_at = now()", image, size);
    }

    public int target(String image) {
        return jdbc.queryOne("SELECT size FROM pool_targets WHERE image = ?", rs -> rs.getInt(1), image).orElse(0);
    }

    private static PoolImage map(ResultSet rs) throws SQLException {
        return new PoolImage(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                "ACTIVE".equals(rs.getString(6)));
    }
}
