package dev.petri.masking.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CheckedLengthTest {

    @Test
    void readsTheBoundPostgresqlAndSqlServerWriteForAColumnsLength() {
        assertEquals(8, CheckedLength.of("(char_length(first_name) <= 8)", "first_name"));
        assertEquals(30, CheckedLength.of("(length(email) < 31)", "email"));
        assertEquals(30, CheckedLength.of("(length((email)::text) <= 30)", "email"));
        assertEquals(12, CheckedLength.of("((length(code) >= 3) AND (length(code) <= 12))", "code"));
        assertEquals(10, CheckedLength.of("(length(code) BETWEEN 3 AND 10)", "code"));
        assertEquals(20, CheckedLength.of("(20 >= char_length(\"Full Name\"))", "Full Name"));
        assertEquals(30, CheckedLength.of("(len([email])<=(30))", "email"), "SQL Server");
        assertEquals(5, CheckedLength.of("((length(zip) <= 5) AND (length(zip) <= 9))", "zip"), "the tighter of two");
    }

    @Test
    void saysNothingOfOtherColumnsOtherBoundsOrBoundsUnderAnOr() {
        assertEquals(0, CheckedLength.of("(char_length(first_name) <= 8)", "name"));
        assertEquals(0, CheckedLength.of("(char_length(last_first_name) <= 8)", "first_name"));
        assertEquals(0, CheckedLength.of("(length(email) >= 5)", "email"), "a lower bound");
        assertEquals(0, CheckedLength.of("((email IS NULL) OR (length(email) <= 30))", "email"), "under an OR");
        assertEquals(0, CheckedLength.of("(email ~~ '%@%'::text)", "email"));
        assertEquals(0, CheckedLength.of(null, "email"));
    }
}
