package dev.petri.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.petri.devstack.DevStack;
import dev.petri.devstack.EmbeddedPostgresServer;
import dev.petri.engine.CloneMethod;
import dev.petri.engine.CloneResult;
import dev.petri.engine.EngineHost;
import dev.petri.engine.postgres.PostgresEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The engine's clone detection checked against what the disk really does: on a filesystem without reflinks a
 * clone is a full copy, on an XFS reflink mount (a PostgreSQL data directory chosen the way {@code PETRI_DATA_DIR}
 * chooses it) a clone is copy-on-write and adds almost no disk.
 */
class CloneMethodDetectionTest {

    private static final long IMAGE_BYTES = 96L << 20;

    @Test
    void aDataDirectoryWithoutReflinksGetsTemplateCopiesThatReallyCopyEveryByte() throws Exception {
        Path dir = Files.createTempDirectory("petri-plain");
        String type = Filesystems.type(dir);
        assumeTrue(Filesystems.neverReflinks(type), "the temporary directory is on " + type + ", which may reflink");
        String password = "pw" + UUID.randomUUID().toString().replace("-", "");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("pgdata"), 0, password, false)) {
            PostgresEngine engine = engine(server, password);

            assertEquals(CloneMethod.TEMPLATE_FILE_COPY, engine.detectCloneMethod());
            Measured clone = cloneAndMeasure(server, engine, dir);
            assertEquals(CloneMethod.TEMPLATE_FILE_COPY, clone.method());
            // du of the clone's own directory: df of a filesystem shared with other processes is too noisy here,
            // and without reflinks nothing is shared, so du is the clone's real allocation
            assertTrue(clone.cloneDirBytes() > clone.imageBytes() / 2,
                    "a plain copy allocates about the image's size: " + clone);
        } finally {
            Shell.run("rm", "-rf", dir.toString());
        }
    }

    @Test
    void aDevStackWithItsDataOnAnXfsReflinkMountMakesCopyOnWriteClones() throws Exception {
        Path work = Files.createTempDirectory("petri-xfs");
        XfsLoopMount xfs;
        try {
            xfs = XfsLoopMount.create(work, "2G");
        } catch (XfsLoopMount.Unavailable e) {
            Shell.run("rm", "-rf", work.toString());
            assumeTrue(false, "no XFS loop mount here: " + e.getMessage());
            return;
        }
        try (xfs; DevStack stack = DevStack.start(new DevStack.Options(work.resolve("stack"),
                xfs.dir().resolve("petri-pgdata"), 0, 0, "test-" + UUID.randomUUID(), true))) {
            EmbeddedPostgresServer server = stack.postgres();
            PostgresEngine engine = engine(server, server.password());

            assertEquals(CloneMethod.REFLINK_CLONE, engine.detectCloneMethod());
            Measured clone = cloneAndMeasure(server, engine, xfs.dir());
            assertEquals(CloneMethod.REFLINK_CLONE, clone.method());
            assertTrue(clone.addedBytes() < clone.imageBytes() / 100,
                    "a copy-on-write clone adds under 1% of the image: " + clone);
        } finally {
            Shell.run("rm", "-rf", work.toString());
        }
    }

    /**
     * One clone of a sealed image.
     *
     * @param method     the method the clone used
     * @param imageBytes the image's size
     * @param addedBytes    how much the filesystem's used bytes grew
     * @param cloneDirBytes what {@code du} reports for the clone's directory (shared extents counted in full)
     */
    record Measured(CloneMethod method, long imageBytes, long addedBytes, long cloneDirBytes) {
    }

    private static Measured cloneAndMeasure(EmbeddedPostgresServer server, PostgresEngine engine, Path dir)
            throws Exception {
        ImageData.Filled image = ImageData.create(server, "petri_img_detect_v1", IMAGE_BYTES);
        engine.sealAsImage("petri_img_detect_v1");
        Filesystems.sync(dir);
        long before = Filesystems.usedBytes(dir);
        CloneResult result = engine.cloneDatabase("petri_img_detect_v1", "petri_env_detect");
        Filesystems.sync(dir);
        long added = Filesystems.usedBytes(dir) - before;
        long cloneDir = Long.parseLong(Shell.check("du", "-s", "-B1", Path.of(query(server, "SHOW data_directory"), "base",
                query(server, "SELECT oid FROM pg_database WHERE datname = 'petri_env_detect'")).toString()).split("\\s+")[0]);
        try (Connection c = server.connect("petri_env_detect"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM items")) {
            rs.next();
            assertEquals(image.rows(), rs.getLong(1), "the clone holds every row of the image");
        }
        engine.dropDatabase("petri_env_detect");
        engine.dropDatabase("petri_img_detect_v1");
        return new Measured(result.method(), image.bytes(), added, cloneDir);
    }

    private static String query(EmbeddedPostgresServer server, String sql) throws Exception {
        try (Connection c = server.connect("postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static PostgresEngine engine(EmbeddedPostgresServer server, String password) {
        return new PostgresEngine(new EngineHost("detect", "postgres", server.jdbcUrl("postgres"),
                EmbeddedPostgresServer.SUPERUSER, password, "127.0.0.1", server.port(), 10));
    }
}
