package dev.petri.masking.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.masking.rule.ValueKind;
import org.junit.jupiter.api.Test;

class ColumnInfoTest {

    private static ColumnInfo column(String type) {
        return new ColumnInfo("s", "t", "c", type, 0, false, false);
    }

    @Test
    void binaryTypesOfBothEngines() {
        for (String type : new String[] {"bytea", "varbinary(max)", "VARBINARY(256)", "binary(16)", "image", "bytea[]"}) {
            assertTrue(column(type).binary(), type);
        }
        for (String type : new String[] {"text", "bit", "uuid", "jsonb"}) {
            assertFalse(column(type).binary(), type);
        }
    }

    @Test
    void anArrayIsClassifiedByItsElements() {
        assertEquals("character varying(30)", column("character varying(30)[]").baseType());
        assertEquals(ValueKind.TEXT, column("character varying(30)[]").kind());
        assertTrue(column("text[]").isArray());
    }
}
