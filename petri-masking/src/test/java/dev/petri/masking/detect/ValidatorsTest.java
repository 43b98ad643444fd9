package dev.petri.masking.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
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
}
