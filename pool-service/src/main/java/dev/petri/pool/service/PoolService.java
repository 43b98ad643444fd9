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
import dev.petri.pool.repository.ImageCopyRepository;
import dev.petri.pool.repository.MemberRepository;
import dev.petri.pool.repository.PoolInstanceRepository;
import dev.petri.pool.repository.PoolImageRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps every image's warm pool at its target: members go to the host with the most room, follow
 * new image versions (build the new pool, then drain the old one), are refilled in the background
 * with bounded parallelism per host, and recover from crashes (half-built members and marked
 * databases no record knows are dropped; unmarked ones are only reported).
 */
@ApplicationScoped
public class PoolService {

    private static final Logger LOG = Logger.getLogger(PoolService.class);
    private static final long RETRY_AFTER_FAILURE_MS = 5_000;
    private static final long REFILL_DEBOUNCE_MS = 50;

    @Inject
    PoolImageRepository images;
    @Inject
    MemberRepository members;
    @Inject
    PoolInstanceRepository instances;
    @Inject
    ImageCopyRepository copies;
    @Inject
    MemberBuilder builder;
    @Inject
    ImageCopier copier;
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
    private final Set<String> refillWanted = ConcurrentHashMap.newKeySet();
    private final Set<String> refillScheduled = ConcurrentHashMap.newKeySet();
    private final Set<String> refillHeld = ConcurrentHashMap.newKeySet();
    private volatile long lastClaimNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    private final ScheduledExecutorService refiller = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "pool-refill"));
    void start(@Observes StartupEvent event) {
        instances.heartbeat();
        recover();
    }

    void stop(@Observes ShutdownEvent event) {
        refiller.shutdownNow();
        hostBuilders.values().forEach(ExecutorService::shutdownNow);
        try {
            instances.leave(); // its builds are half-done now: the next recovery of any instance takes them
        } catch (RuntimeException e) {
            LOG.warnf("could not sign this instance off: %s", e.getMessage());
        }
    }

    /** A new image version: make it current and fill its pool; the old version drains once it is full. */
    public void imageReady(ImageReady event) {
        images.addActive(event.imageName(), event.version(), event.engine(), event.host(), event.database());
        images.setTarget(event.imageName(), event.poolSize());
        refill(event.imageName());
    }

    /**
     * A retired version: no new members; its idle members are dropped, claimed ones stay until released. While a newer
     * version's pool is still filling (an image that keeps one ready version retires the old one as soon as the new
     * one is ready), the old idle members keep serving claims and are drained once the new pool is full, as for any
     * older version: otherwise every request in between would wait for a cold build.
     */
    public void imageRetired(ImageRetired event) {
        String image = event.imageName();
        PoolImage current = images.current(image).orElse(null);
        if (current != null && current.version() > event.version()
                && members.countReadyCurrent(image, current.version(), migrations.hash()) < images.target(image)) {
            LOG.infof("%s v%d retired: its idle members serve until v%d's pool is full", image, event.version(),
                    current.version());
            copier.dropCopies(image, event.version());
            refill(image);
            return;
        }
        retire(image, event.version());
        publishStatus(image);
    }

    private void retire(String image, int version) {
        images.retire(image, version);
        members.readyOfVersion(image, version).forEach(builder::drop);
        copier.dropCopies(image, version);
    }

    /**
     * The pool size of an image changed: a larger one is refilled; for a smaller one the idle members above it are
     * dropped now, and those still being built when they are ready ({@link #trimToTarget}).
     */
    public void targetChanged(String image, int size) {
        images.setTarget(image, size);
        trimToTarget(image);
        refill(image);
    }

    /**
     * Drops the current version's idle (READY) members above the image's target, newest first; a member claimed
     * meanwhile is skipped (the drop moves only a READY member, as a claim moves only a READY one).
     */
    void trimToTarget(String image) {
        PoolImage current = images.current(image).orElse(null);
        if (current == null) {
            return;
        }
        int surplus = members.countReadyCurrent(image, current.version(), migrations.hash()) - images.target(image);
        if (surplus <= 0) {
            return;
        }
        List<Member> ready = new ArrayList<>(members.readyOfVersion(image, current.version()));
        Collections.reverse(ready);
        int dropped = 0;
        for (Member m : ready) {
            if (dropped >= surplus) {
                break;
            }
            if (builder.drop(m)) {
                dropped++;
            }
        }
        if (dropped > 0) {
            LOG.infof("pool of %s v%d is above its target of %d: dropped %d idle members", image, current.version(),
                    images.target(image), dropped);
            publishStatus(image);
        }
    }

    /** Refills every image's pool. */
    public void refillAll() {
        for (PoolImage image : images.currentAll()) {
            refill(image.image());
        }
    }

    /**
     * Asks for a refill of an image's pool in the background, shortly: the claims of a burst fold
     * into one refill instead of one each, and never hold up the claim that asked.
     */
    public void refillLater(String image) {
        if (refillScheduled.add(image)) {
            refiller.schedule(() -> {
                refillScheduled.remove(image);
                refill(image);
            }, REFILL_DEBOUNCE_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A member was just claimed from an image's pool: a burst may be under way (refills hold back
     * while the pool has stock, see {@link #refill}), and the pool refills in the background.
     */
    public void claimed(String image) {
        lastClaimNanos = System.nanoTime();
        refillLater(image);
    }

    /** Whether claims are being served: one came within the last {@code refill-quiet-ms}. */
    boolean burstUnderWay() {
        return System.nanoTime() - lastClaimNanos < TimeUnit.MILLISECONDS.toNanos(config.refillQuietMs());
    }

    /**
     * Fewest warm members an image's pool may hold before it refills even while claims are being
     * served: {@code burst-low-water-percent} of its target, at least one.
     */
    static int lowWater(int target, int percent) {
        return Math.max(1, (int) Math.ceil(target * percent / 100.0));
    }

    /** Looks at an image's pool again once claims have paused; calls made meanwhile fold into one. */
    private void refillWhenQuiet(String image) {
        if (refillHeld.add(image)) {
            refiller.schedule(() -> {
                refillHeld.remove(image);
                refill(image);
            }, config.refillQuietMs(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Starts background builds until the image's current version has its target of warm members,
     * and drains members of older versions or older migrations once the new ones are ready. Calls
     * made while a refill of the same image runs make it run once more, never twice at once.
     * While claims are being served and the pool still holds at least its low-water mark of READY
     * members, nothing is built (each clone's {@code CREATE DATABASE} forces checkpoints that stall
     * the claims' commits): the refill waits until claims pause for {@code refill-quiet-ms}.
     */
    public void refill(String image) {
        refillWanted.add(image);
        while (refillWanted.contains(image)) {
            if (!refilling.add(image)) {
                return;
            }
            try {
                if (refillWanted.remove(image)) {
                    refillOnce(image);
                }
            } catch (RuntimeException e) {
                LOG.warnf("refilling %s failed: %s", image, e.getMessage());
            } finally {
                refilling.remove(image);
            }
        }
    }

    private void refillOnce(String image) {
        PoolImage current = images.current(image).orElse(null);
        if (current == null) {
            return;
        }
        String hash = migrations.hash();
        int target = images.target(image);
        if (burstUnderWay()) {
            int ready = members.countReadyCurrent(image, current.version(), hash);
            if (ready < target && ready >= lowWater(target, config.burstLowWaterPercent())) {
                refillWhenQuiet(image);
                publishStatus(image);
                return;
            }
        }
        List<Member> reserved = members.reserve(current, hash, warm -> target - warm, capacities(current.engine()),
                false);
        for (Member member : reserved) {
            builderFor(member.host()).execute(() -> buildInBackground(current, member));
        }
        if (members.countReadyCurrent(image, current.version(), hash) >= target) {
            for (Member stale : members.staleReady(image, current.version(), hash)) {
                builder.drop(stale);
            }
            for (PoolImage old : images.olderActive(image, current.version())) {
                LOG.infof("pool of %s v%d is full: draining v%d", image, current.version(), old.version());
                retire(old.image(), old.version());
            }
        }
        publishStatus(image);
    }

    private void buildInBackground(PoolImage image, Member member) {
        try {
            builder.build(image, member, false);
            trimToTarget(image.image()); // the pool size may have been lowered while it was built
        } catch (RuntimeException e) {
            LOG.warnf("warm member of %s not built: %s", image.image(), e.getMessage());
            refiller.schedule(() -> refill(image.image()), RETRY_AFTER_FAILURE_MS, TimeUnit.MILLISECONDS);
        }
        publishStatus(image.image());
    }

    /**
     * Reserves one member for a waiting request, on the host with the most room. When every host of
     * the image's engine is full, the oldest released database still waiting for its drop is dropped
     * now and the member takes its room; empty only when no host has room and none is waiting.
     */
    public Optional<Member> reserveCold(PoolImage image) {
        Map<String, Integer> capacities = capacities(image.engine());
        String hash = migrations.hash();
        Optional<Member> reserved = members.reserve(image, hash, warm -> 1, capacities, true).stream().findFirst();
        if (reserved.isPresent()) {
            return reserved;
        }
        // every host is full: a released database waiting for its drop (PendingDrops) gives up its room now
        Optional<MemberRepository.Swap> swap = members.reserveInPlaceOfPendingDrop(image, hash, capacities);
        swap.ifPresent(s -> {
            builder.announce(s.freed(), MemberStatus.DROP_PENDING, MemberStatus.RELEASING);
            builder.drop(s.freed());
        });
        return swap.map(MemberRepository.Swap::reserved);
    }

    /** Most databases per host, for every host of an engine. */
    Map<String, Integer> capacities(String engine) {
        Map<String, Integer> capacities = new TreeMap<>();
        for (Map.Entry<String, DatabaseEngine> host : engines.all().entrySet()) {
            if (host.getValue().kind().equals(engine)) {
                capacities.put(host.getKey(), host.getValue().host().capacity());
            }
        }
        return capacities;
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
     * Drops members stuck half-built and unfinished image copies — those of instances of the service that stopped (no
     * build survives its instance; a live instance's builds are left alone, so an instance starting beside another
     * breaks none of its builds) and any that hangs longer than {@code stuck-after-seconds} — finishes interrupted
     * drops, and drops member databases that no record knows — only those whose marker proves they are Petri's; others
     * are reported. Members waiting for their drop (DROP_PENDING) are known, not orphans: {@link PendingDrops} drops
     * them.
     */
    public void recover() {
        Instant stuckBefore = Instant.now().minusSeconds(config.stuckAfterSeconds());
        for (Member m : members.stuckProvisioning(stuckBefore)) {
            LOG.infof("dropping member %s stuck while being built", m.id());
            builder.dropDatabaseAndLogin(engines.engine(m.host()), m.database(), m.login());
            builder.transition(m, MemberStatus.PROVISIONING, MemberStatus.FAILED);
        }
        copier.recoverStuck(stuckBefore);
        instances.forgetLongGone();
        members.withStatus(MemberStatus.RELEASING).forEach(builder::drop);
        for (Map.Entry<String, DatabaseEngine> host : engines.all().entrySet()) {
            try {
                dropOrphans(host.getKey(), host.getValue());
            } catch (RuntimeException e) {
                LOG.warnf("cannot look for orphaned databases on %s: %s", host.getKey(), e.getMessage());
            }
        }
    }

    private void dropOrphans(String hostName, DatabaseEngine engine) {
        String prefix = DbNames.PREFIX + "env_";
        List<String> present = engine.listDatabases(prefix);
        Set<String> known = new HashSet<>(members.liveDatabases(hostName));
        for (String db : present) {
            if (known.contains(db)) {
                continue;
            }
            String marker = engine.databaseMarker(db).orElse("");
            String memberId = marker.startsWith(MemberBuilder.MARKER_PREFIX)
                    ? marker.substring(MemberBuilder.MARKER_PREFIX.length()) : null;
            if (memberId != null && isMemberName(db, memberId)) {
                LOG.warnf("dropping orphaned member database %s on %s (marked as Petri's, no live record)", db,
                        hostName);
                engine.dropDatabase(db);
                engine.dropLogin(DbNames.login(memberId));
            } else {
                LOG.warnf("database %s on %s looks like Petri's but carries no Petri marker: reported, not dropped",
                        db, hostName);
            }
        }
    }

    private static boolean isMemberName(String database, String memberId) {
        try {
            return DbNames.member(memberId).equals(database);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
