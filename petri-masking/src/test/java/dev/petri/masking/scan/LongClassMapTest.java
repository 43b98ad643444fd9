package dev.petri.masking.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hash map behind the source's values: every key put is found, through every growth of the table and its filter. */
class LongClassMapTest {

    @Test
    void findsEveryKeyPutAndItsFirstValueThroughEveryGrowth() {
        LongClassMap map = new LongClassMap();
        Map<Long, Byte> expected = new HashMap<>();
        SplittableRandom r = new SplittableRandom(7);
        for (int n = 0; n < 300_000; n++) {
            // random keys, the extreme ones, and repeats (the first value stays)
            long k = switch (n % 100) {
                case 0 -> 0L;
                case 1 -> Long.MIN_VALUE;
                case 2 -> -1L;
                case 3 -> expected.isEmpty() ? 5L : expected.keySet().iterator().next();
                default -> r.nextLong();
            };
            byte v = (byte) r.nextInt(20);
            map.putIfAbsent(k, v);
            expected.putIfAbsent(k == 0 ? 1 : k, v);
            if (n % 9_973 == 0) {
                expected.forEach((key, value) -> assertEquals(value.byteValue(), map.get(key), Long.toHexString(key)));
            }
        }
        expected.forEach((key, value) -> assertEquals(value.byteValue(), map.get(key), Long.toHexString(key)));
        assertEquals(expected.size(), map.size());
    }

    @Test
    void answersKeysNeverPutWithMinusOne() {
        LongClassMap map = new LongClassMap();
        SplittableRandom r = new SplittableRandom(11);
        for (int n = 0; n < 200_000; n++) {
            map.putIfAbsent(r.nextLong() | 1, (byte) 3);
        }
        int found = 0;
        for (int n = 0; n < 1_000_000; n++) {
            // even keys were never put (every key put is odd)
            if (map.get(r.nextLong() & ~1L) >= 0) {
                found++;
            }
        }
        assertEquals(0, found);
        assertTrue(map.get(0) < 0);
    }
}
