package dev.petri.maskingservice.service;

import dev.petri.engine.CopyProgress;
import dev.petri.masking.MaskingProgress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns per-table progress of the copy and masking phases into one percentage for the run, and
 * reports it at most once per interval. Each phase owns a band of the percentage, in the order the
 * run goes through them and roughly as wide as its share of a run's time; the percentage never goes
 * back (a phase that learns of more tables as it goes would otherwise make it jump back and forth).
 */
final class RunProgress implements CopyProgress, MaskingProgress {

    /** Receives a throttled progress report. */
    @FunctionalInterface
    interface Sink {
        void report(String phase, String table, long rowsDone, long rowsTotal, int percent);
    }

    /** Phase name → {start, end} of its band; phases not named here share the masking band. */
    private static final Map<String, int[]> BANDS = Map.of(
            "copy", new int[] {0, 45},
            "restore", new int[] {0, 45},
            "discover", new int[] {45, 46},
            "classify", new int[] {46, 49},
            "collect", new int[] {49, 53},
            "mask", new int[] {53, 74},
            "verify", new int[] {74, 76},
            "scan", new int[] {76, 85},
            "finish", new int[] {85, 85},
            "done", new int[] {100, 100});
    private static final int[] OTHER = {53, 74};

    private final Sink sink;
    private final long intervalNanos;
    private final Map<String, long[]> tables = new ConcurrentHashMap<>();
    private volatile String phase = "copy";
    private long lastReport;
    private int lastPercent;

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
        lastPercent = Math.max(lastPercent, percent(phaseName));
        sink.report(phaseName, table, done, total, lastPercent);
    }

    private int percent(String phaseName) {
        long done = 0;
        long total = 0;
        for (long[] t : tables.values()) {
            done += t[0];
            total += t[1];
        }
        double fraction = total == 0 ? 0 : Math.min(1.0, (double) done / total);
        int[] band = BANDS.getOrDefault(phaseName, OTHER);
        return band[0] + (int) (fraction * (band[1] - band[0]));
    }
}
