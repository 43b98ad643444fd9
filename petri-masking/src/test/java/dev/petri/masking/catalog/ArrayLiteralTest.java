package dev.petri.masking.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PostgreSQL array literals read and rewritten element by element. */
class ArrayLiteralTest {

    @Test
    void readsQuotedEscapedNullAndNestedElements() {
        List<String> seen = new ArrayList<>();
        ArrayLiteral.forEach("{{a,\"b c\"},{\"q\\\"uote\",NULL}}", seen::add);
        assertEquals(List.of("a", "b c", "q\"uote"), seen);
        seen.clear();
        ArrayLiteral.forEach("[0:1]={\"NULL\",\"\"}", seen::add);
        assertEquals(List.of("NULL", ""), seen, "a quoted NULL and an empty string are values");
    }

    @Test
    void rewritesElementsKeepingShapeNullsAndQuotingWhatNeedsIt() {
        assertEquals("{{X,\"X Y\"},{\"X,\\\"Y\",NULL}}", ArrayLiteral.map("{{a,b},{c,NULL}}",
                v -> switch (v) {
                    case "a" -> "X";
                    case "b" -> "X Y";
                    default -> "X,\"Y";
                }));
        assertEquals("[0:1]={\"\",NULL}", ArrayLiteral.map("[0:1]={x,y}", v -> v.equals("x") ? "" : null));
        assertEquals("{}", ArrayLiteral.map("{}", v -> "never"));
        assertEquals("{\"null\"}", ArrayLiteral.map("{a}", v -> "null"), "a value spelled NULL is quoted");
    }

    @Test
    void rejectsWhatIsNotAnArray() {
        assertThrows(IllegalArgumentException.class, () -> ArrayLiteral.map("plain text", v -> v));
        assertThrows(IllegalArgumentException.class, () -> ArrayLiteral.map("{a,\"b}", v -> v));
        assertThrows(IllegalArgumentException.class, () -> ArrayLiteral.map("{{a}", v -> v));
    }
}
