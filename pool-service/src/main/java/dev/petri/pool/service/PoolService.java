package dev.petri.pool.service;

import dev.petri.common.EngineRegistry;
import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.DbNames;
import dev.petri.events.ImageReady;
import dev.petri.events.ImageRetired;
import dev.petri.events.PetriEvent;
import dev.petri.events.PoolStatusChanged;
import dev.petri.pool.Member;
import dev.petri.pool.MemberStatus;
import dev.petri.pool.PoolImage;
import dev.petri.pool.config.PoolConfig;
import dev.petri.pool.messaging.PoolEvents;
import dev.petri.pool.repository.MemberRepository;
import dev.petri.pool.repository.PoolImageRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Keeps every image's warm pool at its target: follows new image versions (build the new pool,
 * then drain the old one), refills in the background with bounded parallelism per host, and
 * recovers from crashes (half-built members and databases no record knows are dropped).
 */
@ApplicationScoped
public class PoolService {

    private static final Logger LOG = Logger.getLogger(PoolService.class);

    @Inject
    PoolImageRepository images;
    @Inject
    MemberRepository members;
    @Inject
    MemberBuilder builder;
    @Inject
    EngineRegistry engines;
    @Inject
    PoolEvents events;
    @Inject
    PoolConfig config;
    @Inject
    Migrations migrations;

    private final Map<String, ExecutorService> hostBuilders = new ConcurrentHashMap<>();
    private final Set<String> refilling = ConcurrentHashMap.newKeySet();
    private final Instant startedAt = Instant.now();

    void start(@Observes StartupEvent event) {
        recover(true);
    }

    void stop(@Observes ShutdownEvent event) {
        hostBuilders.values().forEach(ExecutorService::shutdownNow);
    }

    /** A new image version: make it current and fill its pool. */
    public void imageReady(ImageReady event) {
        images.addActive(event.imageName(), event.version(), event.engine(), event.host(), event.database());
        images.setTarget(event.imageName(), event.poolSize());
        refill(event.imageName());
    }

    /** A retired version: no new members; its idle members are dropped, claimed ones stay until released. */
    public void imageRetired(ImageRetired event) {
        images.retire(event.imageName(), event.version());
        members.readyOfVersion(event.imageName(), event.version()).forEach(builder::drop);
        publishStatus(event.imageName());
    }

    /** The pool size of an image changed. */
    public void targetChanged(String image, int size) {
        images.setTarget(image, size);
        refill(image);
    }

    /** Refills every image's pool. */
    public void refillAll() {
        for (PoolImage image : images.currentAll()) {
            refill(image.image());
        }
    }

    /**
     * Starts background builds until the image's current version has its target of warm members,
     * and drains members of older versions or older migrations once the new ones are ready.
     */
    public void refill(String image) {
        PoolImage current = images.current(image).orElse(null);
        if (current == null || !refilling.add(image)) {
            return;
        }
        try {
            String hash = migrations.hash();
            int target = images.target(image);
            int warm = members.countWarm(image, current.version(), hash);
            int room = roomOn(current.host());
            int missing = Math.max(0, Math.min(target - warm, room));
            for (int i = 0; i < missing; i++) {
                builderFor(current.host()).submit(() -> buildInBackground(current));
            }
            int[] counts = members.counts(image, current.version());
            if (counts[0] >= target) {
                members.staleReady(image, current.version(), hash).forEach(builder::drop);
                for (PoolImage old : images.olderActive(image, current.version())) {
                    images.retire(old.image(), old.version());
                }
            }
            publishStatus(image);
        } finally {
            refilling.remove(image);
        }
    }

    private void buildInBackground(PoolImage image) {
        try {
            builder.build(image, false);
        } catch (RuntimeException e) {
            LOG.warnf("warm member of %s not built: %s", image.image(), e.getMessage());
        }
        publishStatus(image.image());
    }

    /** How many more databases a host may take. */
    public int roomOn(String host) {
        int capacity = engines.engine(host).host().capacity();
        return Math.max(0, capacity - members.liveCountByHost().getOrDefault(host, 0));
    }

    private ExecutorService builderFor(String host) {
        return hostBuilders.computeIfAbsent(host, h -> Executors.newFixedThreadPool(config.buildParallelismPerHost(),
                r -> new Thread(r, "pool-build-" + h)));
    }

    /** Announces an image's pool counts. */
    public void publishStatus(String image) {
        images.current(image).ifPresent(current -> {
            int[] counts = members.counts(image, current.version());
            events.status(new PoolStatusChanged(PetriEvent.newId(), Instant.now(), image, image, current.version(),
                    images.target(image), counts[0], counts[1], counts[2],
                    engines.engine(current.host()).detectCloneMethod().name()));
        });
    }

    /**
     * Drops members stuck half-built (all of them at start-up, since no build survives a restart),
     * finishes interrupted releases, and drops Petri member databases that no record knows.
     */
    public void recover(boolean atStartup) {
        Instant stuckBefore = atStartup ? startedAt : Instant.now().minusSeconds(config.stuckAfterSeconds());
        for (Member m : members.provisioningSince(stuckBefore)) {
            if (m.environmentId() != null) {
                continue;
            }
            LOG.infof("dropping member %s stuck while being built", m.id());
            builder.dropDatabaseAndLogin(engines.engine(m.host()), m.database(), m.login());
            members.transition(m.id(), MemberStatus.PROVISIONING, MemberStatus.FAILED);
        }
        members.withStatus(MemberStatus.RELEASING).forEach(builder::drop);
        for (Map.Entry<String, DatabaseEngine> host : engines.all().entrySet()) {
            try {
                dropOrphans(host.getKey(), host.getValue());
            } catch (RuntimeException e) {
                LOG.warnf("host %s not reachable for recovery: %s", host.getKey(), e.getMessage());
            }
        }
    }

    private void dropOrphans(String hostName, DatabaseEngine engine) {
        {
            Map.Entry<String, DatabaseEngine> host = Map.entry(hostName, engine);
            Set<String> known = new HashSet<>(members.liveDatabases(host.getKey()));
            List<String> present = host.getValue().listDatabases(DbNames.PREFIX + "env_");
            for (String db : present) {
                if (!known.contains(db)) {
                    LOG.warnf("dropping orphaned database %s on %s (no member record)", db, host.getKey());
                    host.getValue().dropDatabase(db);
                    host.getValue().dropLogin(DbNames.PREFIX + "u_" + db.substring((DbNames.PREFIX + "env_").length()));
                }
            }
        }
    }
}
