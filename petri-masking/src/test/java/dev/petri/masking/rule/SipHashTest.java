package dev.petri.masking.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class SipHashTest {

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
}
