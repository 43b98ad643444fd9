package dev.petri.pool.scheduler;

import dev.petri.pool.repository.PoolInstanceRepository;
import dev.petri.pool.service.EnvironmentService;
import dev.petri.pool.service.PendingDrops;
import dev.petri.pool.service.PoolService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Thin triggers: expire environments, refill pools, drop released databases, recover from crashes. */
@ApplicationScoped
public class PoolScheduler {

    @Inject
    EnvironmentService environments;
    @Inject
    PoolService pools;
    @Inject
    PendingDrops drops;
    @Inject
    PoolInstanceRepository instances;

    @Scheduled(every = "${petri.pool.expiry-check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        environments.expireDue();
    }

    @Scheduled(every = "${petri.pool.refill-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refill() {
        pools.refillAll();
    }

    @Scheduled(every = "${petri.pool.drop-check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void drop() {
        drops.dropDue();
    }

    @Scheduled(every = PoolInstanceRepository.HEARTBEAT_EVERY, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        instances.heartbeat();
    }

    @Scheduled(every = "${petri.pool.recovery-interval}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recover() {
        pools.recover();
    }
}
