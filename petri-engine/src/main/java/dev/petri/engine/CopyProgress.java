package dev.petri.engine;

/** Receives progress of a long copy or masking run. */
@FunctionalInterface
public interface CopyProgress {

    /** Rows done of total for one table; called from worker threads. */
    void tableProgress(String table, long rowsDone, long rowsTotal);

    /** A listener that ignores everything. */
    static CopyProgress none() {
        return (table, done, total) -> { };
    }
}
