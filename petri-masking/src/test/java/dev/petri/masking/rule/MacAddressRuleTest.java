package dev.petri.masking.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.masking.detect.SensitiveClass;
import dev.petri.masking.scan.SourceValues;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MacAddressRuleTest {

    @Test
    void theVendorPrefixSeparatorsAndCaseStayAndTheDevicePartChanges() {
        MaskingRule rule = Contexts.rule("mac_address");
        String colons = rule.mask("00:1a:2b:3c:4d:5e");
        assertTrue(colons.matches("00:1a:2b(:[0-9a-f]{2}){3}"), colons);
        assertNotEquals("00:1a:2b:3c:4d:5e", colons);
        String dashes = rule.mask("00-1A-2B-3C-4D-5E");
        assertEquals(colons.toUpperCase().replace(':', '-'), dashes, "the same address in another form: the same result in that form");
        String dots = rule.mask("001a.2b3c.4d5e");
        assertEquals(colons.replace(":", "").replaceAll("(.{4})(?!$)", "$1."), dots);
        assertEquals(colons.replace(":", ""), rule.mask("001a2b3c4d5e"), "bare digits, as some tables store them");
        String eui64 = rule.mask("00:1a:2b:ff:fe:3c:4d:5e");
        assertTrue(eui64.matches("00:1a:2b(:[0-9a-f]{2}){5}"), eui64);
        assertEquals(colons, Contexts.rule("mac_address").mask("00:1a:2b:3c:4d:5e"), "deterministic under the key");
        assertNotEquals(colons, Contexts.rule(Contexts.context("another key"), "mac_address", Map.of(),
                RuleTarget.free(null)).mask("00:1a:2b:3c:4d:5e"));
    }

    @Test
    void aRandomAddressOfADeviceKeepsOnlyItsFlags() {
        MaskingRule rule = Contexts.rule("mac_address");
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String m = rule.mask(String.format("da:a1:19:%02x:%02x:%02x", i, i * 3 % 256, i * 7 % 256));
            int first = Integer.parseInt(m.substring(0, 2), 16);
            assertEquals(0x02, first & 0x03, "still locally administered and unicast: " + m);
            prefixes.add(m.substring(0, 8));
        }
        assertTrue(prefixes.size() > 40, "no vendor to keep: the whole address moves (" + prefixes.size() + " prefixes)");
    }

    @Test
    void distinctAddressesStayDistinctSoAUniqueColumnStaysUnique() {
        MaskingRule rule = Contexts.rule("mac_address");
        Random r = new Random(5);
        Set<String> in = new HashSet<>();
        Set<String> out = new HashSet<>();
        while (in.size() < 50_000) {
            // one vendor, so that collisions would have to come from the device part
            String v = String.format("3c:22:fb:%02x:%02x:%02x", r.nextInt(256), r.nextInt(256), r.nextInt(256));
            if (in.add(v)) {
                out.add(rule.mask(v));
            }
        }
        assertEquals(in.size(), out.size());
    }

    @Test
    void neverAnAddressOfTheSourceAndANumberStaysANumber() {
        SourceValues source = new SourceValues();
        MaskingRule plain = Contexts.rule("mac_address");
        String first = plain.mask("00:1a:2b:3c:4d:5e");
        source.add(SensitiveClass.MAC_ADDRESS, "00:1a:2b:3c:4d:5e");
        source.add(SensitiveClass.MAC_ADDRESS, first.toUpperCase().replace(':', '-'));
        MaskingRule rule = Contexts.rule(Contexts.context("unit-key", source), "mac_address", Map.of(), RuleTarget.free(null));
        String masked = rule.mask("00:1a:2b:3c:4d:5e");
        assertNotEquals(first, masked, "the first result is another device of the source, in any form");
        assertTrue(masked.startsWith("00:1a:2b:"), masked);

        MaskingRule number = Contexts.rule(Contexts.context("unit-key"), "mac_address", Map.of(),
                new RuleTarget(ValueKind.NUMBER, 0, true, false, null));
        String n = number.mask(Long.toString(0x001a2b3c4d5eL));
        assertEquals(0x001a2bL, Long.parseLong(n) >>> 24, "the vendor prefix of the number kept: " + n);
        assertEquals(Long.parseLong(first.replace(":", ""), 16), Long.parseLong(n), "the same address as in text");
        assertFalse(number.mask("unknown").isEmpty());
    }
}
