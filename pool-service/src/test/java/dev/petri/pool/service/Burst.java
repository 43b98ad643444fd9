package dev.petri.pool.service;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Keeps a burst of claims under way (as the pool service sees one) until closed. */
final class Burst implements AutoCloseable {

    private final ScheduledExecutorService claims = Executors.newSingleThreadScheduledExecutor();

    Burst(PoolService pools, String image) {
        pools.claimed(image);
        claims.scheduleAtFixedRate(() -> pools.claimed(image), 100, 100, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        claims.shutdownNow();
    }
}
