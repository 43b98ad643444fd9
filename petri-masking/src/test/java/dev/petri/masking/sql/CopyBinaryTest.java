package dev.petri.masking.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CopyBinaryTest {

    private static byte[] row(String... values) {
        CopyText.Output out = new CopyText.Output(64);
        out.write(0);
        out.write(values.length);
        for (String v : values) {
            CopyBinary.encode(v, false, out);
        }
        return Arrays.copyOf(out.buffer(), out.size());
    }

    @Test
    void findsTheEndOfTheLastWholeRowAndStopsAtTheTrailer() {
        byte[] a = row("abc", null, "");
        byte[] b = row("Zürich ✓", "x");
        byte[] all = new byte[a.length + b.length + 2];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        all[all.length - 2] = (byte) 0xFF;
        all[all.length - 1] = (byte) 0xFF;
        assertEquals(a.length + b.length, CopyBinary.lastRowEnd(all, all.length));
        assertTrue(CopyBinary.isTrailer(all, a.length + b.length, all.length));
        for (int cut = a.length; cut < a.length + b.length; cut++) {
            assertEquals(a.length, CopyBinary.lastRowEnd(all, cut), "a row cut at " + cut + " is not whole");
        }
        for (int cut = 0; cut < a.length; cut++) {
            assertEquals(-1, CopyBinary.lastRowEnd(all, cut));
        }
        assertFalse(CopyBinary.isTrailer(all, 0, all.length));
    }

    @Test
    void encodesAndDecodesTextAndJsonbWithNullsAndMultiByteCharacters() {
        CopyText.Output out = new CopyText.Output(4);
        CopyBinary.encode("{\"a\": \"ß\"}", true, out);
        CopyBinary.encode(null, false, out);
        CopyBinary.encode("", false, out);
        byte[] b = out.buffer();
        int first = CopyBinary.int32(b, 0);
        assertEquals(1 + "{\"a\": \"ß\"}".getBytes(StandardCharsets.UTF_8).length, first);
        assertEquals(1, b[4], "jsonb version byte");
        assertEquals("{\"a\": \"ß\"}", CopyBinary.decode(b, 4, first, true));
        assertEquals(-1, CopyBinary.int32(b, 4 + first));
        assertNull(CopyBinary.decode(b, 8 + first, -1, false));
        assertEquals(0, CopyBinary.int32(b, 8 + first));
        assertEquals("", CopyBinary.decode(b, 12 + first, 0, false));
        assertThrows(IllegalStateException.class, () -> CopyBinary.decode(new byte[] {2, 'x'}, 0, 2, true));
    }

    @Test
    void readsTheHeaderAndRejectsOtherStreams() throws IOException {
        byte[] withExtension = Arrays.copyOf(CopyBinary.HEADER, CopyBinary.HEADER.length + 3);
        withExtension[18] = 3;
        ByteArrayInputStream in = new ByteArrayInputStream(withExtension);
        CopyBinary.readHeader(in);
        assertEquals(0, in.available());
        assertThrows(IOException.class, () -> CopyBinary.readHeader(new ByteArrayInputStream("id\tname\n1\tx\n....".getBytes(StandardCharsets.UTF_8))));
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFF}, CopyBinary.TRAILER);
    }
}
