package dev.petri.masking.scan;

import java.util.Arrays;

/**
 * An open-addressing map from non-zero 64-bit hashes to a small class number: one array probe per
 * lookup instead of boxed keys. Writers synchronize; readers do not, so reads must not overlap
 * writes (the pipeline fills it before masking and only reads it afterwards).
 *
 * <p>A lookup first asks a Bloom filter of one 64-bit word per key (four bits set, 8 to 16 bits of
 * filter per key, under 1 % false positives), a sixteenth of the table's size: almost every lookup
 * made while masking and scanning is for a value that is not an original, and the filter answers
 * those from a few megabytes instead of a random read of the table's hundred-odd megabytes.
 */
final class LongClassMap {

    private long[] keys = new long[1 << 12];
    private byte[] values = new byte[1 << 12];
    private long[] filter = new long[keys.length / 16];
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
        filter[(int) k & (filter.length - 1)] |= filterBits(k);
        size++;
    }

    /** The value for a key, or -1. */
    int get(long key) {
        long k = key == 0 ? 1 : key;
        long[] f = filter;
        long bits = filterBits(k);
        if ((f[(int) k & (f.length - 1)] & bits) != bits) {
            return -1;
        }
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
        filter = new long[keys.length / 16];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            long k = oldKeys[j];
            if (k != 0) {
                int i = mix(k) & mask;
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                values[i] = oldValues[j];
                filter[(int) k & (filter.length - 1)] |= filterBits(k);
            }
        }
        Arrays.fill(oldKeys, 0);
    }

    private static int mix(long k) {
        return (int) (k ^ (k >>> 29) ^ (k >>> 47));
    }

    /** Four bits of a word, from bits of the key that do not pick the word. */
    private static long filterBits(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (1L << (h >>> 58)) | (1L << (h >>> 52)) | (1L << (h >>> 46)) | (1L << (h >>> 40));
    }
}
