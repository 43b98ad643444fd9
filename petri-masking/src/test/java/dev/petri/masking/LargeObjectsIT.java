package dev.petri.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.petri.devstack.DevStack;
import dev.petri.devstack.EmbeddedPostgresServer;
import dev.petri.engine.CopyProgress;
import dev.petri.engine.DbNames;
import dev.petri.engine.EngineHost;
import dev.petri.engine.SourceConnection;
import dev.petri.engine.postgres.PostgresEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Large objects (a column of type {@code oid} pointing into {@code pg_largeobject}) hold scans, photos and
 * letters that no rule can mask inside. Whether the source is live or a backup, the masked database has
 * every one of them under its id, empty: references still resolve, and none of the content is left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeObjectsIT {

    /** More than one batch of the masking run (1,000 per transaction). */
    private static final int DOCUMENTS = 1_200;
    private PostgresEngine engine;
    private EmbeddedPostgresServer pg;
    private String sourceDb;

    @BeforeAll
    void source() throws SQLException {
        pg = DevStack.shared().postgres();
        engine = new PostgresEngine(new EngineHost("local", "postgres", pg.jdbcUrl("postgres"), "postgres",
                pg.password(), "127.0.0.1", pg.port(), 100));
        sourceDb = "lobs_" + UUID.randomUUID().toString().substring(0, 8);
        pg.createDatabase(sourceDb);
        try (Connection c = pg.connect(sourceDb); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE patients (id int PRIMARY KEY, full_name text, scan oid)");
            st.execute("INSERT INTO patients SELECT g, 'Patient ' || g, lo_from_bytea(0, convert_to('medical letter about"
                    + " Margaret Whitfield-' || g || ', born 1961-04-0' || (g % 9 + 1), 'UTF8'))"
                    + " FROM generate_series(1, " + DOCUMENTS + ") g");
        }
    }

    @AfterAll
    void drop() {
        if (engine != null) {
            engine.dropDatabase(sourceDb);
        }
    }

    @Test
    void aLiveSourcesLargeObjectsAreStagedEmptyUnderTheirIds() throws SQLException {
        stageMaskAndCheck(new SourceConnection(pg.jdbcUrl(sourceDb), "postgres", pg.password()));
    }

    @Test
    void aBackupsLargeObjectsAreStagedEmptyToo() throws Exception {
        String restored = restoreBackup();
        try {
            // as a masking run does: the backup restored privately, then staged from there
            stageMaskAndCheck(engine.adminSource(restored));
        } finally {
            engine.dropDatabase(restored);
        }
    }

    /** Stages a source, masks and finishes it as a masking run does, and checks its large objects. */
    private void stageMaskAndCheck(SourceConnection source) throws SQLException {
        String staging = DbNames.staging("lob" + UUID.randomUUID().toString().substring(0, 6), 1);
        try {
            engine.stageFrom(source, staging, CopyProgress.none());
            Map<String, Object> report = mask(staging, source);
            engine.finishStaging(source, staging);
            assertEmptyUnderTheirIds(staging, report);
        } finally {
            engine.dropDatabase(staging);
        }
    }

    @Test
    void theMaskingRunEmptiesLargeObjectsThatReachStagingWithTheirContent() throws Exception {
        String restored = restoreBackup();
        try {
            Map<String, Object> report = mask(restored, engine.adminSource(restored));
            assertEmptyUnderTheirIds(restored, report);
        } finally {
            engine.dropDatabase(restored);
        }
    }

    /** A plain {@code pg_dump} script with large objects, restored as a backup source is; the letters are in it. */
    private String restoreBackup() throws Exception {
        assumeTrue(new ProcessBuilder("psql", "--version").start().waitFor() == 0,
                "psql is not installed (Debian: apt-get install postgresql-client)");
        // pg_dump writes each large object this way: create it under its id, open, write, close
        StringBuilder script = new StringBuilder("CREATE TABLE patients (id int PRIMARY KEY, full_name text, scan oid);\n");
        for (int i = 1; i <= DOCUMENTS; i++) {
            long id = 70_000 + i;
            String letter = "medical letter about Margaret Whitfield-" + i + ", born 1961-04-0" + (i % 9 + 1);
            script.append("SELECT pg_catalog.lo_create('").append(id).append("');\n")
                    .append("BEGIN;\nSELECT pg_catalog.lo_open('").append(id).append("', 131072);\n")
                    .append("SELECT pg_catalog.lowrite(0, '\\x")
                    .append(HexFormat.of().formatHex(letter.getBytes(StandardCharsets.UTF_8))).append("');\n")
                    .append("SELECT pg_catalog.lo_close(0);\nCOMMIT;\n")
                    .append("INSERT INTO patients VALUES (").append(i).append(", 'Patient ").append(i).append("', ")
                    .append(id).append(");\n");
        }
        Path dump = Files.createTempFile("lobs", ".sql");
        String restored = DbNames.restore("lob" + UUID.randomUUID().toString().substring(0, 6), 1);
        try {
            Files.writeString(dump, script);
            engine.stageFromBackup(dump.toString(), restored);
        } finally {
            Files.delete(dump);
        }
        assertEquals(String.valueOf(DOCUMENTS), text(restored, "SELECT count(*) FROM pg_largeobject_metadata m"
                + " WHERE convert_from(lo_get(m.oid), 'UTF8') LIKE 'medical letter about %'"),
                "the restored backup holds the letters");
        return restored;
    }

    private Map<String, Object> mask(String staging, SourceConnection source) {
        return new MaskingPipeline("lob-key").run(() -> engine.connect(staging), source, Map.of(),
                (phase, table, done, total) -> { });
    }

    private void assertEmptyUnderTheirIds(String staging, Map<String, Object> report) throws SQLException {
        assertEquals(DOCUMENTS + "|" + DOCUMENTS + "|" + DOCUMENTS, text(staging, "SELECT count(*) || '|' || count(*)"
                + " FILTER (WHERE lo_get(scan) = ''::bytea) || '|' || (SELECT count(*) FROM pg_largeobject_metadata)"
                + " FROM patients"), "every reference resolves to an empty large object, and there are no others");
        assertEquals("0", text(staging, "SELECT coalesce(sum(octet_length(data)), 0) FROM pg_largeobject"),
                "no byte of any document is left");
        assertEquals((long) DOCUMENTS, ((Map<?, ?>) report.get("largeObjects")).get("count"), "the report says so");
    }

    private String text(String database, String sql) throws SQLException {
        try (Connection c = engine.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
