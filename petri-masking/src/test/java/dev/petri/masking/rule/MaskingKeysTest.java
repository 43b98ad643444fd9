package dev.petri.masking.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaskingKeysTest {

    @Test
    void bitsIsAPermutationOfEveryWidthEvenOrOdd() {
        MaskingKeys keys = new MaskingKeys("unit-key");
        for (int width : new int[] {2, 3, 12, 13}) {
            Set<Long> out = new HashSet<>();
            int fixed = 0;
            for (long v = 0; v < 1L << width; v++) {
                long e = keys.bits(v, width, "t");
                assertTrue(e >= 0 && e < 1L << width, width + " bits: " + e);
                out.add(e);
                fixed += e == v ? 1 : 0;
            }
            assertEquals(1L << width, out.size(), "every value of " + width + " bits once");
            assertTrue(width < 12 || fixed < 10, "not close to the identity: " + fixed + " fixed points");
        }
        assertNotEquals(keys.bits(12345, 24, "a"), keys.bits(12345, 24, "b"), "a tweak gives another permutation");
        assertNotEquals(keys.bits(12345, 24, "a"), new MaskingKeys("other").bits(12345, 24, "a"));
        long wide = (1L << 62) - 3;
        assertTrue(keys.bits(wide, 62, "w") >>> 62 == 0);
        assertThrows(IllegalArgumentException.class, () -> keys.bits(1L << 24, 24, "t"));
        assertThrows(IllegalArgumentException.class, () -> keys.bits(1, 63, "t"));
    }
}
