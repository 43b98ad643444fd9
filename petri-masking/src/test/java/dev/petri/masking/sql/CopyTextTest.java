package dev.petri.masking.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CopyTextTest {

    @Test
    void splitsDecodesAndEncodesRows() {
        byte[] row = "1\ta\\tb\\\\c\\nd\t\\N\tZürich\n".getBytes(StandardCharsets.UTF_8);
        int[] b = CopyText.split(row, 4);
        assertEquals("1", CopyText.decode(row, b[0], b[4]));
        assertEquals("a\tb\\c\nd", CopyText.decode(row, b[1], b[5]));
        assertNull(CopyText.decode(row, b[2], b[6]));
        assertEquals("Zürich", CopyText.decode(row, b[3], b[7]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyText.encode("a\tb\\c\nd", out);
        CopyText.encode(null, out);
        assertEquals("a\\tb\\\\c\\nd\\N", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void splitsRowsInsideABufferAndEncodesIntoAnUnlockedOutput() {
        byte[] buf = "x\ty\n1\ta\\tb\t\\N\tZürich\n".getBytes(StandardCharsets.UTF_8);
        int start = 4;
        int end = buf.length - 1;
        int[] b = new int[8];
        CopyText.split(buf, start, end, b, 4);
        assertEquals("1", CopyText.decode(buf, b[0], b[4]));
        assertEquals("a\tb", CopyText.decode(buf, b[1], b[5]));
        assertNull(CopyText.decode(buf, b[2], b[6]));
        assertEquals("Zürich", CopyText.decode(buf, b[3], b[7]));
        CopyText.Output out = new CopyText.Output(1);
        for (String v : new String[] {"plain", "a\tb\\c\nd\re", null, "Zürich\tZ", ""}) {
            CopyText.encode(v, out);
            out.write('|');
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (String v : new String[] {"plain", "a\tb\\c\nd\re", null, "Zürich\tZ", ""}) {
            CopyText.encode(v, expected);
            expected.write('|');
        }
        assertEquals(expected.toString(StandardCharsets.UTF_8),
                new String(out.buffer(), 0, out.size(), StandardCharsets.UTF_8));
        assertEquals("plain|a\\tb\\\\c\\nd\\re|\\N|Zürich\\tZ||",
                new String(out.buffer(), 0, out.size(), StandardCharsets.UTF_8));
    }
}
