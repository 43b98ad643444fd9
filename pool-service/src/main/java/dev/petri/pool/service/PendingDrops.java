package dev.petri.pool.service;

import dev.petri.pool.Member;
import dev.petri.pool.config.PoolConfig;
import dev.petri.pool.repository.MemberRepository;
import dev.petri.pool.repository.MemberRepository.PendingDrop;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Drops the databases of released members (DROP_PENDING: login already disabled) once claims have
 * paused: each {@code DROP DATABASE} forces a checkpoint on the host, which would stall a burst of
 * claims. A member that has waited longer than {@code petri.pool.drop-max-delay-seconds} is dropped
 * even during a burst, so pending drops never pile up. At most {@code drop-parallelism-per-host}
 * drops run at once per host. The pending drops are rows, so a restarted service finds them again
 * (the scheduler looks every {@code drop-check-interval}).
 */
@ApplicationScoped
public class PendingDrops {

    private static final Logger LOG = Logger.getLogger(PendingDrops.class);
    private static final int BATCH = 500;

    @Inject
    MemberRepository members;
    @Inject
    MemberBuilder builder;
    @Inject
    PoolService pools;
    @Inject
    PoolConfig config;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Map<String, ExecutorService> hostDroppers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "pool-drop-timer"));

    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
        hostDroppers.values().forEach(ExecutorService::shutdownNow);
    }

    /** A member waits for its drop: look again once claims may have paused; calls meanwhile fold into one. */
    public void dropWhenQuiet() {
        if (scheduled.compareAndSet(false, true)) {
            timer.schedule(() -> {
                scheduled.set(false);
                dropDue();
            }, config.refillQuietMs(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Drops the pending databases that are due: all of them when no claim came within
     * {@code refill-quiet-ms}, else only those pending for longer than {@code drop-max-delay-seconds}.
     * Calls made while one runs make it run once more, never twice at once.
     *
     * @return how many members this call dropped
     */
    public int dropDue() {
        wanted.set(true);
        int dropped = 0;
        while (wanted.get()) {
            if (!running.compareAndSet(false, true)) {
                return dropped;
            }
            try {
                if (wanted.getAndSet(false)) {
                    dropped += dropOnce();
                }
            } catch (RuntimeException e) {
                LOG.warnf("dropping released members failed: %s", e.getMessage());
            } finally {
                running.set(false);
            }
        }
        return dropped;
    }

    private int dropOnce() {
        Instant overdueBefore = Instant.now().minusSeconds(config.dropMaxDelaySeconds());
        List<PendingDrop> pending = members.dropPending(overdueBefore, BATCH);
        List<Future<Boolean>> drops = new ArrayList<>();
        for (PendingDrop drop : pending) {
            Member member = drop.member();
            drops.add(dropperFor(member.host()).submit(() -> {
                if (!drop.overdue() && pools.burstUnderWay()) {
                    return false;
                }
                return builder.drop(member);
            }));
        }
        int dropped = 0;
        Set<String> images = new HashSet<>();
        for (int i = 0; i < drops.size(); i++) {
            if (outcome(drops.get(i))) {
                dropped++;
                images.add(pending.get(i).member().image());
            }
        }
        if (dropped < pending.size()) {
            dropWhenQuiet();
        }
        images.forEach(pools::refillLater);
        return dropped;
    }

    private static boolean outcome(Future<Boolean> drop) {
        try {
            return drop.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            LOG.warnf("a released member was not dropped: %s", e.getCause().getMessage());
            return false;
        }
    }

    private ExecutorService dropperFor(String host) {
        return hostDroppers.computeIfAbsent(host, h -> Executors.newFixedThreadPool(config.dropParallelismPerHost(),
                r -> new Thread(r, "pool-drop-" + h)));
    }
}
