package dev.petri.masking.sql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** PostgreSQL COPY text format: splitting a row into fields and escaping values back. */
public final class CopyText {

    private CopyText() {
    }

    /** Field boundaries of a row (ending with a newline or not): start offsets, then end offsets. */
    public static int[] split(byte[] row, int fields) {
        int[] bounds = new int[fields * 2];
        int len = row.length;
        if (len > 0 && row[len - 1] == '\n') {
            len--;
        }
        int f = 0;
        int start = 0;
        for (int i = 0; i <= len && f < fields; i++) {
            if (i == len || row[i] == '\t') {
                bounds[f] = start;
                bounds[fields + f] = i;
                f++;
                start = i + 1;
            }
        }
        return bounds;
    }

    /**
     * Field boundaries of the row in {@code buf[start, end)} (without its newline), written into
     * {@code bounds}: start offsets, then end offsets, absolute in {@code buf}.
     */
    public static void split(byte[] buf, int start, int end, int[] bounds, int fields) {
        int f = 0;
        int from = start;
        for (int i = start; i <= end && f < fields; i++) {
            if (i == end || buf[i] == '\t') {
                bounds[f] = from;
                bounds[fields + f] = i;
                f++;
                from = i + 1;
            }
        }
        for (; f < fields; f++) {
            bounds[f] = end;
            bounds[fields + f] = end;
        }
    }

    /** A growable byte buffer without locking (one per thread). */
    public static final class Output {
        private byte[] buf;
        private int size;

        /** A buffer with a first capacity. */
        public Output(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        /** Appends one byte. */
        public void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        /** Appends a slice. */
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        /** Appends a big-endian 32-bit integer. */
        public void writeInt(int v) {
            ensure(4);
            putInt(size, v);
            size += 4;
        }

        /** Overwrites four bytes already written with a big-endian 32-bit integer. */
        public void putInt(int at, int v) {
            buf[at] = (byte) (v >>> 24);
            buf[at + 1] = (byte) (v >>> 16);
            buf[at + 2] = (byte) (v >>> 8);
            buf[at + 3] = (byte) v;
        }

        /** Appends a string as UTF-8, ASCII without allocating. */
        public void writeUtf8(String value) {
            int n = value.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                char c = value.charAt(i);
                if (c >= 128) {
                    size -= i;
                    byte[] b = value.getBytes(StandardCharsets.UTF_8);
                    write(b, 0, b.length);
                    return;
                }
                buf[size++] = (byte) c;
            }
        }

        /** The bytes written (the array may be longer than {@link #size()}). */
        public byte[] buffer() {
            return buf;
        }

        /** Number of bytes written. */
        public int size() {
            return size;
        }
    }

    /** Appends a value in COPY text form ({@code \N} for null), ASCII without allocating. */
    public static void encode(String value, Output out) {
        if (value == null) {
            out.write('\\');
            out.write('N');
            return;
        }
        int n = value.length();
        out.ensure(n);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 128 || c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                out.size -= i;
                byte[] b = escaped(value);
                out.write(b, 0, b.length);
                return;
            }
            out.buf[out.size++] = (byte) c;
        }
    }

    private static byte[] escaped(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length() + 8);
        encode(value, out);
        return out.toByteArray();
    }

    /** A field decoded, or null for {@code \N}. */
    public static String decode(byte[] row, int start, int end) {
        if (end - start == 2 && row[start] == '\\' && row[start + 1] == 'N') {
            return null;
        }
        boolean escaped = false;
        for (int i = start; i < end; i++) {
            if (row[i] == '\\') {
                escaped = true;
                break;
            }
        }
        if (!escaped) {
            return new String(row, start, end - start, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        for (int i = start; i < end; i++) {
            byte b = row[i];
            if (b != '\\' || i + 1 >= end) {
                out.write(b);
                continue;
            }
            byte n = row[++i];
            switch (n) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'v' -> out.write(11);
                default -> {
                    if (n >= '0' && n <= '7') {
                        int v = n - '0';
                        for (int k = 0; k < 2 && i + 1 < end && row[i + 1] >= '0' && row[i + 1] <= '7'; k++) {
                            v = v * 8 + (row[++i] - '0');
                        }
                        out.write(v);
                    } else if (n == 'x' && i + 1 < end && hex(row[i + 1]) >= 0) {
                        int v = hex(row[++i]);
                        if (i + 1 < end && hex(row[i + 1]) >= 0) {
                            v = v * 16 + hex(row[++i]);
                        }
                        out.write(v);
                    } else {
                        out.write(n);
                    }
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** Appends a value in COPY text form ({@code \N} for null). */
    public static void encode(String value, ByteArrayOutputStream out) {
        if (value == null) {
            out.write('\\');
            out.write('N');
            return;
        }
        boolean plain = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                plain = false;
                break;
            }
        }
        if (plain) {
            out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            return;
        }
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
