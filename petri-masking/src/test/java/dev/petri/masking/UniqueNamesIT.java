package dev.petri.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A unique column of names whose originals collide (two names drawing the same pseudonyms) stays unique, and each
 * original gets the same masked name whatever order the rows come in: masking is deterministic in every run.
 */
class UniqueNamesIT {

    @Test
    void collidingNamesOfAUniqueColumnAreResolvedTheSameWayWhateverTheOrderOfTheRows() throws SQLException {
        Map<Integer, String> ascending = mask("ASC");
        Map<Integer, String> descending = mask("DESC");
        assertEquals(1500, ascending.size());
        assertEquals(1500, ascending.values().stream().distinct().count(), "unique");
        assertTrue(ascending.values().stream().anyMatch(n -> n.matches(".* \\d{4}")),
                "the fixture has colliding names, which get a number: " + ascending.values().stream().limit(5).toList());
        assertEquals(ascending, descending, "the same original gets the same masked name in either order");
    }

    /** Masks a source whose rows were written in the given order of their ids; each id's masked name. */
    private Map<Integer, String> mask(String order) throws SQLException {
        Map<Integer, String> names = new LinkedHashMap<>();
        ScratchSource.mask("unique-key", st -> {
            st.execute("CREATE TABLE customers (id int PRIMARY KEY, first_name text, last_name text)");
            st.execute("INSERT INTO customers VALUES (1, 'Ann', 'Lee'), (2, 'Bob', 'Ray')");
            // 1,500 distinct display names from 300 first and 5 last words: far more than the pseudonym pools
            // keep apart, so some originals draw the same pseudonyms for every word
            st.execute("CREATE TABLE players (id int PRIMARY KEY, display_name varchar(40) NOT NULL UNIQUE)");
            st.execute("INSERT INTO players SELECT g, initcap(translate(substr(md5('f' || g % 300), 1, 6), '0123456789',"
                    + " 'ghijklmnop')) || ' ' || initcap(translate(substr(md5('l' || g / 300), 1, 7), '0123456789',"
                    + " 'ghijklmnop')) FROM generate_series(0, 1499) g ORDER BY g " + order);
        }, staging -> {
            try (Connection c = ScratchSource.ENGINE.connect(staging); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, display_name FROM players ORDER BY id")) {
                while (rs.next()) {
                    names.put(rs.getInt(1), rs.getString(2));
                }
            }
        });
        return names;
    }
}
