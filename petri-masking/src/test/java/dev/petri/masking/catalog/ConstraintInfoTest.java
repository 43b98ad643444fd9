package dev.petri.masking.catalog;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConstraintInfoTest {

    @Test
    void anExpressionNamesAColumnOnlyAsAWholeIdentifier() {
        String check = "(work_email ~~ '%@acme.com'::text)";
        assertTrue(ConstraintInfo.names(check, "work_email"));
        assertFalse(ConstraintInfo.names(check, "email"), "a column whose name is part of another's");
        assertFalse(ConstraintInfo.names(check, "work"));
        assertTrue(ConstraintInfo.names("(\"Work Email\" ~~ '%@acme.com'::text)", "Work Email"), "quoted");
        assertTrue(ConstraintInfo.names("([Email] like '%@acme.com')", "email"), "SQL Server, in any case");
        assertTrue(ConstraintInfo.names("email IS NOT NULL", "email"), "at the start");
        assertFalse(ConstraintInfo.names("email$2 IS NOT NULL", "email"));
        assertFalse(ConstraintInfo.names(null, "email"));
    }
}
