package dev.petri.masking.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** SipHash-2-4 as its authors specify it, and its allocation-free lower-case variant. */
class SipHashTest {

    @Test
    void matchesTheReferenceVectorsOfSipHash24() {
        byte[] key = new byte[16];
        for (int i = 0; i < 16; i++) {
            key[i] = (byte) i;
        }
        SipHash h = new SipHash(key);
        byte[] fifteen = new byte[15];
        for (int i = 0; i < 15; i++) {
            fifteen[i] = (byte) i;
        }
        assertEquals(0xa129ca6149be45e5L, h.hash(fifteen), "the paper's test vector");
        assertEquals(0x726fdb47dd0e0e31L, h.hash(new byte[0]), "the empty message");
        byte[] eight = new byte[8];
        for (int i = 0; i < 8; i++) {
            eight[i] = (byte) i;
        }
        assertEquals(0x93f5f5799a932462L, h.hash(eight), "exactly one full word");
    }

    @Test
    void hashingASliceInLowerCaseEqualsHashingTheLowerCaseSubstring() {
        SipHash h = new SipHash("0123456789abcdef".getBytes());
        String text = "Hello WORLD, Ünïcode and a LongerWordThanEightChars!";
        for (int start = 0; start < text.length(); start++) {
            for (int end = start; end <= text.length(); end++) {
                assertEquals(h.hash(text.substring(start, end).toLowerCase(Locale.ROOT)), h.hashLower(text, start, end));
            }
        }
        assertNotEquals(h.hash("a"), new SipHash("another key".getBytes()).hash("a"));
    }

    @Test
    void taggedAndTwoWordHashesEqualHashingTheirBytes() {
        SipHash h = new SipHash("0123456789abcdef".getBytes());
        for (String v : new String[] {"", "a", "abcdef", "abcdefg", "0123456789abcdefXYZ", "Müller", "José.Álvarez@x.es"}) {
            byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
            byte[] m = new byte[utf8.length + 2];
            m[0] = 7;
            m[1] = (byte) 200;
            System.arraycopy(utf8, 0, m, 2, utf8.length);
            assertEquals(h.hash(m), h.hash(7, 200, v), v);
        }
        byte[] sixteen = new byte[16];
        long a = 0x0123456789abcdefL;
        long b = 0xfedcba9876543210L;
        for (int i = 0; i < 8; i++) {
            sixteen[i] = (byte) (a >>> (8 * i));
            sixteen[8 + i] = (byte) (b >>> (8 * i));
        }
        assertEquals(h.hash(sixteen), h.hash(a, b));
    }
}
