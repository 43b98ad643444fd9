package dev.petri.masking.scan;

import java.util.Arrays;

/**
 * An open-addressing map from non-zero 64-bit hashes to a small class number: one array probe per
 * lookup instead of boxed keys. Writers synchronize; readers do not, so reads must not overlap
 * writes (the pipeline fills it before masking and only reads it afterwards).
 */
final class LongClassMap {

    private long[] keys = new long[1 << 12];
    private byte[] values = new byte[1 << 12];
    private int size;

    synchronized void putIfAbsent(long key, byte value) {
        long k = key == 0 ? 1 : key;
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = mix(k) & mask;
        while (keys[i] != 0) {
            if (keys[i] == k) {
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = k;
        values[i] = value;
        size++;
    }

    /** The value for a key, or -1. */
    int get(long key) {
        long k = key == 0 ? 1 : key;
        long[] ks = keys;
        byte[] vs = values;
        int mask = ks.length - 1;
        int i = mix(k) & mask;
        while (ks[i] != 0) {
            if (ks[i] == k) {
                return vs[i];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        byte[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new byte[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != 0) {
                int i = mix(oldKeys[j]) & mask;
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
        Arrays.fill(oldKeys, 0);
    }

    private static int mix(long k) {
        return (int) (k ^ (k >>> 29) ^ (k >>> 47));
    }
}
