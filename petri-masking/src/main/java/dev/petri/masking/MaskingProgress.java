package dev.petri.masking;

/** Receives progress of a masking run. */
@FunctionalInterface
public interface MaskingProgress {

    /** Phase (classify, mask, scan), table, rows done of total. */
    void progress(String phase, String table, long rowsDone, long rowsTotal);
}
