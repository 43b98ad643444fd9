package dev.petri.masking.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValidatorsTest {

    @Test
    void luhnAndCards() {
        assertTrue(Validators.luhn("79927398713"));
        assertFalse(Validators.luhn("79927398710"));
        assertEquals('3', Validators.luhnCheckDigit("7992739871"));
        assertTrue(Validators.paymentCard("5500-0055-5555-5559"));
        assertFalse(Validators.paymentCard("0000000000000000"), "no brand starts with 0");
    }

    @Test
    void ibanSsnEmailPhone() {
        assertTrue(Validators.iban("DE89 3704 0044 0532 0130 00"));
        assertFalse(Validators.iban("DE88 3704 0044 0532 0130 00"));
        assertTrue(Validators.ssn("123-45-6789"));
        assertFalse(Validators.ssn("666-45-6789"));
        assertTrue(Validators.email("o'brien+x@sub.example.org"));
        assertFalse(Validators.email("not an email"));
        assertTrue(Validators.phone("1-555-123-4567"));
        assertFalse(Validators.phone("2025-01-31"));
        assertTrue(Validators.plausibleBirthDate(LocalDate.of(1950, 5, 1), LocalDate.of(2026, 1, 1)));
        assertFalse(Validators.plausibleBirthDate(LocalDate.of(1850, 5, 1), LocalDate.of(2026, 1, 1)));
    }

    @Test
    void theHandWrittenEmailCheckAgreesWithItsRegularExpression() {
        String alphabet = "aZ09._%+'-@@..-x ";
        Random r = new Random(42);
        int accepted = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + r.nextInt(14);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String v = r.nextInt(4) == 0 ? "ab" + sb + "@mail.example.com" : r.nextInt(3) == 0 ? "x@" + sb + ".org" : sb.toString();
            assertEquals(Validators.emailByPattern(v), Validators.email(v), v);
            accepted += Validators.email(v) ? 1 : 0;
        }
        assertTrue(accepted > 1_000, "the random inputs include valid addresses: " + accepted);
        for (String v : new String[] {"a@b.co", "a@b.c", "a@b..co", "@b.co", "a@.co", "a@b.co.", "a@b-c.d-e.fr",
            "a@b.c0", " a@b.co ", "a".repeat(64) + "@b.co", "a".repeat(65) + "@b.co", "a@b." + "x".repeat(24),
            "a@b." + "x".repeat(25), "a@b", "Jöe@b.co", "a@b@c.co"}) {
            assertEquals(Validators.emailByPattern(v), Validators.email(v), v);
        }
    }

    @Test
    void nationalIdsOfSeveralCountriesByTheirCheckDigitOrLetter() {
        long nir = 1840575123456L;
        String validNir = "1 84 05 75 123 456 " + String.format("%02d", 97 - nir % 97);
        for (String id : new String[] {"12345678Z", "12345678-z", "X1234567L", validNir, validNir.replace(" ", ""),
            "RSSMRA85T10A562S", "123.456.789-09"}) {
            assertTrue(Validators.nationalId(id), id);
            assertEquals(SensitiveClass.NATIONAL_ID, TextScanner.classifyValue(id), id);
        }
        for (String id : new String[] {"12345678A", "X1234567A", "1 84 05 75 123 456 " + String.format("%02d", 97 - nir % 97 + 1),
            "RSSMRA85T10A562A", "123.456.789-00", "111.111.111-11", "ABCDEFGH", "12345678",
            "811218-9876", "231105-0042"}) {
            assertFalse(Validators.nationalId(id), id);
        }
    }
}
