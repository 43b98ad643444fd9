package dev.petri.masking.sql;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * PostgreSQL COPY binary format: the file header and trailer, finding whole rows in a buffer, and
 * reading and writing the values of text-like columns ({@code text}, {@code varchar}, {@code char(n)},
 * {@code json}: the text's bytes; {@code jsonb}: a version byte 1, then the text's bytes).
 */
public final class CopyBinary {

    /** The header PostgreSQL writes and expects: signature, flags 0, no header extension. */
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** The file trailer: a field count of -1. */
    static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};
    private static final int JSONB_VERSION = 1;

    private CopyBinary() {
    }

    /** Reads and checks the header of a binary COPY stream, skipping any header extension. */
    static void readHeader(InputStream in) throws IOException {
        byte[] fixed = in.readNBytes(HEADER.length);
        if (fixed.length < HEADER.length) {
            throw new EOFException("the COPY binary stream has no header");
        }
        if (!Arrays.equals(fixed, 0, 11, HEADER, 0, 11)) {
            throw new IOException("not a COPY binary stream");
        }
        if ((int32(fixed, 11) & 0x10000) != 0) {
            throw new IOException("COPY binary stream with OIDs is not supported");
        }
        int extension = int32(fixed, 15);
        if (extension < 0) {
            throw new IOException("COPY binary header extension of negative length");
        }
        in.skipNBytes(extension);
    }

    /**
     * The end of the last whole row in {@code buf[0, len)} (which starts at a row), or -1 when it
     * holds none. Stops at the trailer, so a trailer is never part of the result.
     */
    static int lastRowEnd(byte[] buf, int len) {
        int pos = 0;
        int whole = 0;
        while (pos + 2 <= len) {
            int fields = int16(buf, pos);
            if (fields < 0) {
                break;
            }
            int p = pos + 2;
            for (int f = 0; f < fields && p <= len; f++) {
                if (p + 4 > len) {
                    p = len + 1;
                    break;
                }
                int n = int32(buf, p);
                p += 4 + Math.max(n, 0);
            }
            if (p > len) {
                break;
            }
            pos = p;
            whole = p;
        }
        return whole == 0 ? -1 : whole;
    }

    /** Whether {@code buf[from, len)} is exactly the trailer. */
    static boolean isTrailer(byte[] buf, int from, int len) {
        return len - from == 2 && buf[from] == (byte) 0xFF && buf[from + 1] == (byte) 0xFF;
    }

    /** The value of a field whose bytes are {@code buf[start, start + length)}; length -1 is NULL. */
    static String decode(byte[] buf, int start, int length, boolean jsonb) {
        if (length < 0) {
            return null;
        }
        if (jsonb) {
            if (length == 0 || buf[start] != JSONB_VERSION) {
                throw new IllegalStateException("unsupported jsonb binary format version");
            }
            return new String(buf, start + 1, length - 1, StandardCharsets.UTF_8);
        }
        return new String(buf, start, length, StandardCharsets.UTF_8);
    }

    /** Appends a field: its length, then its bytes ({@code -1} and nothing for NULL). */
    static void encode(String value, boolean jsonb, CopyText.Output out) {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        int at = out.size();
        out.writeInt(0);
        if (jsonb) {
            out.write(JSONB_VERSION);
        }
        out.writeUtf8(value);
        out.putInt(at, out.size() - at - 4);
    }

    static int int16(byte[] b, int at) {
        return (short) (((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF));
    }

    static int int32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
