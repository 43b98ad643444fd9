package dev.petri.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A masked value that travels down a chain of foreign keys (a login handle referenced by profiles, whose handle is
 * referenced by posts) is masked the same way at every link, whatever order the constraints are read in. Progress of
 * the run counts every table of a phase from the phase's start.
 */
class ForeignKeyChainIT {

    @Test
    void everyLinkOfAChainOfForeignKeysIsMaskedLikeTheColumnItEndsAt() throws SQLException {
        List<String[]> calls = Collections.synchronizedList(new ArrayList<>());
        Map<String, Object> report = ScratchSource.mask("chain-key", st -> {
            // handles no detector recognises: only the policy and the foreign keys say they are to be masked;
            // the constraint names put the far link (posts -> profiles) before the near one (profiles -> logins)
            st.execute("CREATE TABLE logins (handle text PRIMARY KEY)");
            st.execute("CREATE TABLE profiles (handle text PRIMARY KEY)");
            st.execute("CREATE TABLE posts (id int PRIMARY KEY, author text)");
            st.execute("ALTER TABLE posts ADD CONSTRAINT a_posts_author FOREIGN KEY (author) REFERENCES profiles (handle)");
            st.execute("ALTER TABLE profiles ADD CONSTRAINT z_profiles_handle FOREIGN KEY (handle) REFERENCES logins (handle)");
            st.execute("INSERT INTO logins SELECT 'zorro' || g FROM generate_series(1, 50) g");
            st.execute("INSERT INTO profiles SELECT handle FROM logins");
            st.execute("INSERT INTO posts SELECT g, 'zorro' || (1 + g % 50) FROM generate_series(1, 200) g");
        }, Map.of("columns", List.of(Map.of("schema", "public", "table", "logins", "column", "handle", "rule", "shape"))),
                (table, done, total) -> calls.add(call("copy", table, done, total)),
                (phase, table, done, total) -> calls.add(call(phase, table, done, total)), staging -> {
                    assertEquals("0|0|0", ScratchSource.one(staging, "SELECT (SELECT count(*) FROM logins WHERE handle"
                            + " LIKE 'zorro%') || '|' || (SELECT count(*) FROM profiles WHERE handle LIKE 'zorro%') || '|' ||"
                            + " (SELECT count(*) FROM posts WHERE author LIKE 'zorro%')"), "every link is masked");
                    assertEquals("200", ScratchSource.one(staging, "SELECT count(*) FROM posts p JOIN profiles f"
                            + " ON f.handle = p.author JOIN logins l ON l.handle = f.handle"), "and still joins");
                });
        assertEquals(Boolean.TRUE, ((Map<?, ?>) report.get("leakScan")).get("passed"));
        for (String phase : List.of("copy", "classify", "collect", "mask", "scan")) {
            assertEveryTableCountsFromThePhasesStart(phase, calls);
        }
    }

    private static String[] call(String phase, String table, long done, long total) {
        return new String[] {phase, table, Long.toString(done), Long.toString(total)};
    }

    /**
     * A progress bar reads a phase's tables as its whole: every table the phase works on is reported before any of
     * them is finished, or the first finished table would read as the whole phase done.
     */
    private static void assertEveryTableCountsFromThePhasesStart(String phase, List<String[]> calls) {
        List<String[]> ofPhase = calls.stream().filter(c -> c[0].equals(phase)).toList();
        Set<String> all = ofPhase.stream().map(c -> c[1]).collect(Collectors.toSet());
        Set<String> beforeFirstDone = new HashSet<>();
        for (String[] c : ofPhase) {
            if (Long.parseLong(c[3]) > 0 && c[2].equals(c[3])) {
                break;
            }
            beforeFirstDone.add(c[1]);
        }
        assertTrue(all.size() >= 2, phase + " works on several tables: " + all);
        assertEquals(all, beforeFirstDone, "every table of the " + phase + " phase is counted before one is done");
    }
}
