package dev.petri.maskingservice.service;

import dev.petri.engine.CopyProgress;
import dev.petri.masking.MaskingProgress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns per-table progress of the copy and masking phases into one percentage for the run, and
 * reports it at most once per interval.
 */
final class RunProgress implements CopyProgress, MaskingProgress {

    /** Receives a throttled progress report. */
    @FunctionalInterface
    interface Sink {
        void report(String phase, String table, long rowsDone, long rowsTotal, int percent);
    }

    private static final int COPY_START = 0;
    private static final int MASK_START = 45;
    private static final int FINISH_START = 85;

    private final Sink sink;
    private final long intervalNanos;
    private final Map<String, long[]> tables = new ConcurrentHashMap<>();
    private volatile String phase = "copy";
    private long lastReport;

    RunProgress(Sink sink, long intervalMillis) {
        this.sink = sink;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    @Override
    public void tableProgress(String table, long rowsDone, long rowsTotal) {
        update("copy", table, rowsDone, rowsTotal);
    }

    @Override
    public void progress(String phaseName, String table, long rowsDone, long rowsTotal) {
        update(phaseName, table, rowsDone, rowsTotal);
    }

    /** Starts a phase without table detail: {@code finish}, {@code done}. */
    void phase(String name) {
        phase = name;
        tables.clear();
        emit(name, null, 0, 0, true);
    }

    private void update(String phaseName, String table, long rowsDone, long rowsTotal) {
        if (!phaseName.equals(phase)) {
            phase = phaseName;
            tables.clear();
        }
        tables.put(table == null ? "" : table, new long[] {rowsDone, Math.max(rowsDone, rowsTotal)});
        emit(phaseName, table, rowsDone, rowsTotal, false);
    }

    private synchronized void emit(String phaseName, String table, long done, long total, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastReport < intervalNanos) {
            return;
        }
        lastReport = now;
        sink.report(phaseName, table, done, total, percent(phaseName));
    }

    private int percent(String phaseName) {
        long done = 0;
        long total = 0;
        for (long[] t : tables.values()) {
            done += t[0];
            total += t[1];
        }
        double fraction = total == 0 ? 0 : Math.min(1.0, (double) done / total);
        return switch (phaseName) {
            case "copy" -> COPY_START + (int) (fraction * (MASK_START - COPY_START));
            case "finish" -> FINISH_START;
            case "done" -> 100;
            default -> MASK_START + (int) (fraction * (FINISH_START - MASK_START));
        };
    }
}
