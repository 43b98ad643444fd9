package dev.petri.provisioner.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EnvironmentWaitersTest {

    private final EnvironmentWaiters waiters = new EnvironmentWaiters();

    @Test
    void aSignalThatComesBeforeTheWaitIsNotLost() {
        try (EnvironmentWaiters.Watch watch = waiters.watch("env-1")) {
            waiters.signal("env-1");
            long start = System.nanoTime();
            assertTrue(watch.await(5_000));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "returned at once");
        }
    }

    @Test
    void aSignalWakesAWaitingRequestAtOnce() throws Exception {
        try (EnvironmentWaiters.Watch watch = waiters.watch("env-2")) {
            CountDownLatch waiting = new CountDownLatch(1);
            CompletableFuture<Long> woke = CompletableFuture.supplyAsync(() -> {
                waiting.countDown();
                long start = System.nanoTime();
                assertTrue(watch.await(10_000));
                return System.nanoTime() - start;
            });
            waiting.await();
            Thread.sleep(50);
            waiters.signal("env-2");
            assertTrue(woke.get(5, TimeUnit.SECONDS) < TimeUnit.SECONDS.toNanos(5));
        }
    }

    @Test
    void withoutASignalTheWaitTimesOutAndEachSignalCountsOnce() {
        try (EnvironmentWaiters.Watch watch = waiters.watch("env-3")) {
            assertFalse(watch.await(20));
            waiters.signal("env-3");
            assertTrue(watch.await(20));
            assertFalse(watch.await(20), "the same signal does not wake twice");
            waiters.signal("env-other");
            assertFalse(watch.await(20), "a signal about another environment does not wake this one");
        }
    }

    @Test
    void everyWatcherOfAnEnvironmentWakesAndClosedWatchesAreForgotten() {
        EnvironmentWaiters.Watch first = waiters.watch("env-4");
        EnvironmentWaiters.Watch second = waiters.watch("env-4");
        waiters.signal("env-4");
        assertTrue(first.await(1_000));
        assertTrue(second.await(1_000));
        first.close();
        assertEquals(1, waiters.watched());
        second.close();
        assertEquals(0, waiters.watched());
        waiters.signal("env-4");
    }
}
