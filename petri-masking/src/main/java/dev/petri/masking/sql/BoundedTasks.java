package dev.petri.masking.sql;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Batches of work handed to a dialect's worker threads with at most a few in flight, so a reader never
 * runs ahead of the workers by more than that. The first failure cancels the rest and is rethrown: a
 * worker's own runtime exception as it is, anything else as an {@link SQLException} naming the work.
 */
final class BoundedTasks {

    private final ExecutorService workers;
    private final int inFlight;
    private final String what;
    private final ArrayDeque<Future<?>> pending = new ArrayDeque<>();

    BoundedTasks(ExecutorService workers, int inFlight, String what) {
        this.workers = workers;
        this.inFlight = inFlight;
        this.what = what;
    }

    /** Submits a batch, first waiting while too many are in flight. */
    void submit(Runnable batch) throws SQLException {
        pending.add(workers.submit(batch));
        while (pending.size() > inFlight) {
            await(pending.poll());
        }
    }

    /** Waits for every submitted batch. */
    void awaitAll() throws SQLException {
        while (!pending.isEmpty()) {
            await(pending.poll());
        }
    }

    private void await(Future<?> batch) throws SQLException {
        try {
            batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.forEach(f -> f.cancel(true));
            throw new SQLException(what + " interrupted", e);
        } catch (ExecutionException e) {
            pending.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new SQLException(what + " failed", e.getCause());
        }
    }
}
