package dev.petri.masking.sql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

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
