package dev.petri.provisioner.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Wakes requests waiting for their environment when an event about it arrives. A request starts
 * watching before it publishes (or reads) anything, so a signal that comes before it waits is kept,
 * never lost: the next {@link Watch#await} returns at once.
 */
@ApplicationScoped
public class EnvironmentWaiters {

    private final Map<String, Signals> signals = new ConcurrentHashMap<>();

    /** Starts watching an environment; close the watch when done. */
    public Watch watch(String environmentId) {
        Signals s = signals.compute(environmentId, (id, existing) -> {
            Signals next = existing == null ? new Signals() : existing;
            next.watchers++;
            return next;
        });
        long seen;
        synchronized (s) {
            seen = s.count;
        }
        return new Watch(environmentId, s, seen);
    }

    /** Wakes every request watching an environment. */
    public void signal(String environmentId) {
        Signals s = signals.get(environmentId);
        if (s != null) {
            synchronized (s) {
                s.count++;
                s.notifyAll();
            }
        }
    }

    /** How many environments are being watched (for tests). */
    int watched() {
        return signals.size();
    }

    private void release(String environmentId) {
        signals.computeIfPresent(environmentId, (id, s) -> --s.watchers == 0 ? null : s);
    }

    /** Signals about one environment and how many requests watch it. */
    private static final class Signals {
        private long count;
        private int watchers;
    }

    /** One request's watch of an environment. */
    public final class Watch implements AutoCloseable {

        private final String environmentId;
        private final Signals signals;
        private long seen;

        private Watch(String environmentId, Signals signals, long seen) {
            this.environmentId = environmentId;
            this.signals = signals;
            this.seen = seen;
        }

        /**
         * Waits up to a time for a signal that came after the previous call (or after the watch
         * started); returns at once when one already came. True when signalled.
         */
        public boolean await(long millis) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, millis));
            synchronized (signals) {
                try {
                    long left;
                    while (signals.count == seen && (left = deadline - System.nanoTime()) > 0) {
                        TimeUnit.NANOSECONDS.timedWait(signals, left);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                boolean signalled = signals.count != seen;
                seen = signals.count;
                return signalled;
            }
        }

        @Override
        public void close() {
            release(environmentId);
        }
    }
}
