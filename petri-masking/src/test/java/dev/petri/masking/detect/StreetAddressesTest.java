package dev.petri.masking.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreetAddressesTest {

    private static List<String> found(String text) {
        return StreetAddresses.find(text).stream().map(s -> text.substring(s[0], s[1])).toList();
    }

    @Test
    void findsStreetsAsPeopleWriteThemInNotes() {
        assertEquals(List.of("4 Elm Street"), found("Leave with neighbour at 4 Elm Street, call (217) 555-0134"));
        assertEquals(List.of("221B Baker Street"), found("Deliver to 221B Baker Street please"));
        assertEquals(List.of("1600 Pennsylvania Ave."), found("sent to 1600 Pennsylvania Ave. last week"));
        assertEquals(List.of("Obere Str. 57"), found("Lieferung an Obere Str. 57, Berlin"));
        assertEquals(List.of("Theodor-Heuss-Straße 34"), found("wohnt in der Theodor-Heuss-Straße 34"));
        assertEquals(List.of("Hauptstraße 5a"), found("Paket bei Hauptstraße 5a abgeben"));
        assertEquals(List.of("12 rue de la Paix"), found("livrer au 12 rue de la Paix, 75002 Paris"));
        assertEquals(List.of("Calle Mayor 5"), found("Entregar en Calle Mayor 5, Madrid"));
        assertEquals(List.of("3 Elm Street", "7 Oak Road"), found("from 3 Elm Street to 7 Oak Road"));
        assertEquals(List.of("8 place de l'Église"), found("au 8 place de l'Église."));
        assertEquals(List.of("Via Roma 12"), found("consegna in Via Roma 12, Milano"));
        assertEquals(List.of("C/ Mayor 5"), found("Entregar en C/ Mayor 5"));
    }

    @Test
    void leavesTextWithoutAStreetAlone() {
        assertEquals(List.of(), found("Order 12 items by Friday"));
        assertEquals(List.of(), found("Meet at the Elm Street cafe"), "a street without a number is no address");
        assertEquals(List.of(), found("the way we work: 3 teams"));
        assertEquals(List.of(), found("Room 12, Ward B"));
        assertEquals(List.of(), found("short"));
        assertEquals(List.of(), found("call 555-0134 or +44 20 7946 0000"));
        assertEquals(List.of(), found("Version 2 Release notes"), "a word after a number is not yet a street");
    }
}
