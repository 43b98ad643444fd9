package dev.petri.masking.rule;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** SipHash-2-4, a fast keyed 64-bit pseudo-random function for short strings. */
public final class SipHash {

    private final long k0;
    private final long k1;

    /** A SipHash keyed by 16 bytes (longer keys are folded, shorter ones padded). */
    public SipHash(byte[] key) {
        byte[] k = new byte[16];
        for (int i = 0; i < key.length; i++) {
            k[i % 16] ^= key[i];
        }
        this.k0 = le(k, 0);
        this.k1 = le(k, 8);
    }

    /** The hash of a string's UTF-8 bytes, without allocating when the string is ASCII. */
    public long hash(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 128) {
                return hash(s.getBytes(StandardCharsets.UTF_8));
            }
        }
        State st = new State(k0, k1);
        int full = n - (n % 8);
        for (int i = 0; i < full; i += 8) {
            long mi = 0;
            for (int k = 7; k >= 0; k--) {
                mi = (mi << 8) | s.charAt(i + k);
            }
            st.absorb(mi);
        }
        long b = ((long) n) << 56;
        for (int i = full; i < n; i++) {
            b |= ((long) s.charAt(i)) << (8 * (i - full));
        }
        return st.finish(b);
    }

    /**
     * The hash of a string's UTF-8 bytes after a one-byte domain tag and a counter; without allocating
     * when the string is ASCII.
     */
    public long hash(int tag, int attempt, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 128) {
                return hashBytes(tag, attempt, s);
            }
        }
        State st = new State(k0, k1);
        int len = n + 2;
        long word = (tag & 0xFFL) | (attempt & 0xFFL) << 8;
        int fill = 2;
        for (int i = 0; i < n; i++) {
            word |= ((long) s.charAt(i)) << (8 * fill);
            if (++fill == 8) {
                st.absorb(word);
                word = 0;
                fill = 0;
            }
        }
        return st.finish(word | ((long) len) << 56);
    }

    /** The hash of 16 bytes: two words, little-endian (as {@code hash(byte[16])}). */
    public long hash(long first, long second) {
        State st = new State(k0, k1);
        st.absorb(first);
        st.absorb(second);
        return st.finish(16L << 56);
    }

    private long hashBytes(int tag, int attempt, String s) {
        byte[] v = s.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[v.length + 2];
        b[0] = (byte) tag;
        b[1] = (byte) attempt;
        System.arraycopy(v, 0, b, 2, v.length);
        return hash(b);
    }

    /** The hash of bytes. */
    public long hash(byte[] m) {
        return hash(m, m.length);
    }

    /** The hash of the first {@code len} bytes of an array. */
    public long hash(byte[] m, int len) {
        State st = new State(k0, k1);
        int end = len - (len % 8);
        for (int i = 0; i < end; i += 8) {
            st.absorb(le(m, i));
        }
        long b = ((long) len) << 56;
        for (int i = end; i < len; i++) {
            b |= (m[i] & 0xFFL) << (8 * (i - end));
        }
        return st.finish(b);
    }

    /**
     * The hash of a slice of text in lower case, equal to {@code hash(text.substring(start, end)
     * .toLowerCase(Locale.ROOT))}, without allocating when the slice is ASCII.
     */
    public long hashLower(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) >= 128) {
                return hash(text.substring(start, end).toLowerCase(Locale.ROOT));
            }
        }
        State st = new State(k0, k1);
        int len = end - start;
        int full = start + len - (len % 8);
        for (int i = start; i < full; i += 8) {
            long mi = 0;
            for (int k = 7; k >= 0; k--) {
                mi = (mi << 8) | lower(text.charAt(i + k));
            }
            st.absorb(mi);
        }
        long b = ((long) len) << 56;
        for (int i = full; i < end; i++) {
            b |= lower(text.charAt(i)) << (8 * (i - full));
        }
        return st.finish(b);
    }

    /** The four words of SipHash's state, with its compression (2 rounds) and finalisation (4 rounds). */
    private static final class State {
        private long v0;
        private long v1;
        private long v2;
        private long v3;

        State(long k0, long k1) {
            v0 = k0 ^ 0x736f6d6570736575L;
            v1 = k1 ^ 0x646f72616e646f6dL;
            v2 = k0 ^ 0x6c7967656e657261L;
            v3 = k1 ^ 0x7465646279746573L;
        }

        void absorb(long m) {
            v3 ^= m;
            rounds(2);
            v0 ^= m;
        }

        long finish(long lastWord) {
            absorb(lastWord);
            v2 ^= 0xff;
            rounds(4);
            return v0 ^ v1 ^ v2 ^ v3;
        }

        private void rounds(int n) {
            for (int r = 0; r < n; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
        }
    }

    private static long lower(char c) {
        return (c >= 'A' && c <= 'Z' ? c + 32 : c) & 0xFFL;
    }

    private static long le(byte[] b, int off) {
        long r = 0;
        for (int i = 7; i >= 0; i--) {
            r = (r << 8) | (b[off + i] & 0xFFL);
        }
        return r;
    }
}
