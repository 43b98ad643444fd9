package dev.petri.masking.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextScannerTest {

    private static List<String> found(String text) {
        return TextScanner.scan(text).stream()
                .map(s -> s.sensitiveClass().id() + "=" + text.substring(s.start(), s.end())).toList();
    }

    @Test
    void findsEmailsPhonesCardsSsnsIbansAndIpsInText() {
        assertEquals(List.of("email=jane.doe@mail.test", "phone=(555) 123-4567", "payment_card=4111 1111 1111 1111",
                        "national_id=123-45-6789", "iban=DE89 3704 0044 0532 0130 00", "ip_address=192.168.10.1"),
                found("Mail jane.doe@mail.test, call (555) 123-4567, card 4111 1111 1111 1111, SSN 123-45-6789,"
                        + " IBAN DE89 3704 0044 0532 0130 00 from 192.168.10.1."));
    }

    @Test
    void findsNationalIdsOfOtherCountriesInText() {
        assertEquals(List.of("national_id=12345678Z", "national_id=123.456.789-09"),
                found("DNI 12345678Z y CPF 123.456.789-09."));
        assertEquals(List.of(), found("Lote 12345678A y pedido 12345678Zeta."), "a wrong letter, or a longer word");
    }

    @Test
    void findsHardwareAddressesInTextButNotTimesOrLongerRuns() {
        assertEquals(List.of("mac_address=00:1A:2B:3C:4D:5E", "mac_address=3c-22-fb-01-02-03", "mac_address=001a.2b3c.4d5e",
                        "mac_address=00:1a:2b:ff:fe:3c:4d:5e"),
                found("Laptop 00:1A:2B:3C:4D:5E, phone 3c-22-fb-01-02-03 (switch port 001a.2b3c.4d5e), EUI-64 00:1a:2b:ff:fe:3c:4d:5e."));
        assertEquals(List.of(), found("From 10:30-12:45 and 10:30:15:00:00:00:00:00:00, build aa:bb:cc:dd:ee:ffx."));
        assertEquals(SensitiveClass.MAC_ADDRESS, TextScanner.classifyValue("00:1a:2b:3c:4d:5e"));
        assertEquals(SensitiveClass.MAC_ADDRESS, TextScanner.classifyValue("AA-BB-CC-DD-EE-FF"));
        assertEquals(SensitiveClass.IP_ADDRESS, TextScanner.classifyValue("fe80::1ff:fe23:4567:890a"), "IPv6 stays IPv6");
        assertNull(TextScanner.classifyValue("00:1a:2b:3c:4d-5e"), "one separator throughout");
        assertEquals(SensitiveClass.IP_ADDRESS, TextScanner.classifyValue("2001:db8:85a3::8a2e:370:7334"));
        assertEquals(SensitiveClass.IP_ADDRESS, TextScanner.classifyValue("2001:0db8:0000:0000:0000:ff00:0042:8329"));
        assertEquals(SensitiveClass.IP_ADDRESS, TextScanner.classifyValue("::ffff:192.168.10.1"));
        assertNull(TextScanner.classifyValue("10:30:15"), "a time of day is no IPv6 address");
        assertNull(TextScanner.classifyValue("2001:db8::1::2"), "one gap at most");
    }

    @Test
    void ignoresOrderNumbersDatesAndLookAlikes() {
        assertEquals(List.of(), found("Order 1234567 of 2025-01-31 costs 12.50; ref AB12 and 4111111111111112 (no Luhn)."));
        assertEquals(List.of(), found("SSN-like 000-12-3456 has an invalid area"));
    }

    @Test
    void classifiesWholeValues() {
        assertEquals(SensitiveClass.PAYMENT_CARD, TextScanner.classifyValue("4111111111111111"));
        assertEquals(SensitiveClass.EMAIL, TextScanner.classifyValue("a.b@c.de"));
        assertEquals(SensitiveClass.PHONE, TextScanner.classifyValue("+44 20 7946 0958"));
        assertEquals(SensitiveClass.IBAN, TextScanner.classifyValue("GB82WEST12345698765432"));
        assertNull(TextScanner.classifyValue("R1234567"));
        assertNull(TextScanner.classifyValue("hello world"));
    }

    @Test
    void cheapPreChecksNeverChangeWhatARunOfDigitsIs() {
        Pattern ipv4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
                + "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
        Pattern date = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}");
        String alphabet = "0123456789012345678901234567890123456789 -./()+x";
        Random r = new Random(7);
        for (int n = 0; n < 300_000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = 5 + r.nextInt(16);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            SensitiveClass expected = ipv4.matcher(s).matches() ? SensitiveClass.IP_ADDRESS
                    : Validators.ssn(s) || Validators.nationalId(s) ? SensitiveClass.NATIONAL_ID
                    : Validators.paymentCard(s) ? SensitiveClass.PAYMENT_CARD
                    : !date.matcher(s).matches() && Validators.phone(s) ? SensitiveClass.PHONE : null;
            org.junit.jupiter.api.Assertions.assertEquals(expected, TextScanner.numeric(s), s);
        }
    }
}
