package dev.petri.masking.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.masking.detect.SensitiveClass;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The source's values as keyed hashes: the allocation-free normal form hashes exactly like the string one. */
class SourceValuesTest {

    @Test
    void normalFormsBuiltInABufferHashLikeTheStrings() {
        SourceValues values = new SourceValues();
        String alphabet = "aZ09 -.()+@x_'ÄéßİK\t";
        Random r = new Random(3);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(r.nextInt(10) == 0 ? 300 : 24);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String v = sb.toString();
            for (SensitiveClass cls : SensitiveClass.values()) {
                assertEquals(values.stringHash(cls, v), values.normalizedHash(cls, v), cls + " " + v);
            }
        }
    }

    @Test
    void theParticlesOfNamesAreNoWordsOfNamesButTheirOtherWordsAre() {
        SourceValues v = new SourceValues();
        v.add(SensitiveClass.PERSON_NAME, "María de la Cruz");
        v.add(SensitiveClass.PERSON_NAME, "Ludwig van Beethoven");
        v.add(SensitiveClass.PERSON_NAME, "Li Wu");
        assertFalse(v.containsNameWord("Tortilla de patatas, arroz a la cubana, Rotterdam van Nelle"));
        assertTrue(v.isNameWord("cruz") && v.isNameWord("beethoven") && v.isNameWord("maría"));
        assertTrue(v.isNameWord("li") && v.isNameWord("wu"), "short surnames are names");
        assertTrue(v.containsNameWord("played by DE LA CRUZ"), "the name's own words still count");
        assertTrue(v.namesSomeone("Casa María de la Cruz") && v.namesSomeone("Li-Wu Trading"));
        assertFalse(v.namesSomeone("Cruz Controls") || v.namesSomeone("Cruz, Beethoven & Partners"),
                "one word of a name, or two apart, name no one");
        v.add(SensitiveClass.PERSON_NAME, " Le ");
        assertTrue(v.isNameWord("le"), "a particle that is a whole name (a surname in a last-name column) is one");
    }

    @Test
    void userNamesAreComparedWithoutCaseButNotShortOnesOrCommonAccounts() {
        SourceValues values = new SourceValues();
        for (String name : new String[] {"JSmith42", "bob", "admin", "Support", "anna.k"}) {
            values.add(SensitiveClass.USERNAME, name);
        }
        assertEquals(SensitiveClass.USERNAME, values.match(SensitiveClass.USERNAME, "jsmith42"));
        assertEquals(SensitiveClass.USERNAME, values.match(SensitiveClass.USERNAME, " ANNA.K "));
        assertEquals(null, values.match(SensitiveClass.USERNAME, "bob"), "too short to tell a person");
        assertEquals(null, values.match(SensitiveClass.USERNAME, "admin"), "a role as much as an account");
        assertEquals(null, values.match(SensitiveClass.USERNAME, "support"));
        assertEquals(null, values.match(SensitiveClass.USERNAME, "jsmith43"));
    }

    @Test
    void matchesOriginalsInTheirNormalFormsAndNothingElse() {
        SourceValues values = new SourceValues();
        values.add(SensitiveClass.EMAIL, " John.Smith@Mail.test ");
        values.add(SensitiveClass.PHONE, "(555) 123-4567");
        values.add(SensitiveClass.NATIONAL_ID, "123-45-6789");
        values.add(SensitiveClass.PERSON_NAME, "Zoë Müller");
        assertEquals(SensitiveClass.EMAIL, values.match(SensitiveClass.EMAIL, "john.smith@mail.TEST"));
        assertEquals(SensitiveClass.PHONE, values.match(SensitiveClass.PHONE, "555.123.4567"));
        assertEquals(SensitiveClass.NATIONAL_ID, values.match(SensitiveClass.NATIONAL_ID, "123 45 6789"));
        assertEquals(SensitiveClass.PERSON_NAME, values.match(SensitiveClass.PERSON_NAME, "ZOË MÜLLER"));
        assertEquals(null, values.match(SensitiveClass.PHONE, "555.123.4568"));
        assertTrue(values.leaks("JOHN.SMITH@mail.test"));
        assertTrue(values.leaks("someone called müller"));
        assertFalse(values.leaks("jane.doe@example.com"));
        assertFalse(values.leaks("x"));
    }
}
