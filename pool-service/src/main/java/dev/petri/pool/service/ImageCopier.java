package dev.petri.pool.service;

import dev.petri.common.EngineRegistry;
import dev.petri.engine.CopyProgress;
import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.DbNames;
import dev.petri.engine.SourceConnection;
import dev.petri.pool.PoolImage;
import dev.petri.pool.config.PoolConfig;
import dev.petri.pool.repository.ImageCopyRepository;
import dev.petri.pool.repository.ImageCopyRepository.ImageCopy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Puts an image version on the hosts that clone it: once per host and version, the image is
 * copied across servers (a throw-away clone on the image's host is the source, the engine's
 * catalog-driven copier writes it into the other host) and sealed there as that host's image copy.
 * Members then clone the local copy.
 */
@ApplicationScoped
public class ImageCopier {

    /** Prefix of the marker written on every image copy: {@code petri:image:<image>:<version>}. */
    public static final String MARKER_PREFIX = "petri:image:";

    private static final Logger LOG = Logger.getLogger(ImageCopier.class);
    private static final long POLL_MS = 200;

    @Inject
    ImageCopyRepository copies;
    @Inject
    EngineRegistry engines;
    @Inject
    PoolConfig config;

    /** The database to clone an image version from on a host, copying the image there first if needed. */
    public String ensureOn(PoolImage image, String host) {
        if (host.equals(image.host())) {
            return image.database();
        }
        String database = DbNames.image(image.image(), image.version());
        long deadline = System.nanoTime() + config.stuckAfterSeconds() * 1_000_000_000L;
        while (true) {
            Optional<ImageCopy> copy = copies.find(image.image(), image.version(), host);
            if (copy.isPresent() && "READY".equals(copy.get().status())) {
                return copy.get().database();
            }
            if (copies.startCopy(image.image(), image.version(), host, database)) {
                copy(image, host, database);
                return database;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the copy of " + image.image() + " v" + image.version() + " on " + host
                        + " is still being made");
            }
            sleep();
        }
    }

    private void copy(PoolImage image, String host, String database) {
        DatabaseEngine from = engines.engine(image.host());
        DatabaseEngine to = engines.engine(host);
        String transfer = DbNames.check(DbNames.PREFIX + "xfer_"
                + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT));
        long start = System.nanoTime();
        try {
            to.dropDatabase(database);
            from.cloneDatabase(image.database(), transfer);
            SourceConnection source = from.sourceFor(transfer);
            to.stageFrom(source, database, CopyProgress.none());
            to.finishStaging(source, database);
            to.markDatabase(database, MARKER_PREFIX + image.image() + ":" + image.version());
            to.sealAsImage(database);
            copies.setStatus(image.image(), image.version(), host, "READY", null);
            LOG.infof("copied image %s v%d from %s to %s in %d ms", image.image(), image.version(), image.host(), host,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warnf("copying image %s v%d to %s failed: %s", image.image(), image.version(), host, e.getMessage());
            copies.setStatus(image.image(), image.version(), host, "FAILED", e.getMessage());
            quietly(() -> to.dropDatabase(database));
            throw e;
        } finally {
            quietly(() -> from.dropDatabase(transfer));
        }
    }

    /** Drops every copy of an image version (it is retired: no member will be cloned from it again). */
    public void dropCopies(String image, int version) {
        for (ImageCopy copy : copies.liveOfVersion(image, version)) {
            if ("READY".equals(copy.status())) {
                quietly(() -> engines.engine(copy.host()).dropDatabase(copy.database()));
                copies.setStatus(image, version, copy.host(), "DROPPED", null);
            }
        }
    }

    /** Marks copies whose copier died (still COPYING since before a moment) as failed and drops what they left. */
    public void recoverStuck(Instant before) {
        for (ImageCopy copy : copies.stuckCopying(before)) {
            LOG.infof("dropping the unfinished copy of %s v%d on %s", copy.image(), copy.version(), copy.host());
            quietly(() -> engines.engine(copy.host()).dropDatabase(copy.database()));
            copies.setStatus(copy.image(), copy.version(), copy.host(), "FAILED", "the copier stopped");
        }
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warnf("cleanup failed: %s", e.getMessage());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an image copy", e);
        }
    }
}
