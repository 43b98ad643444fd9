package dev.petri.masking.bench;

import dev.petri.devstack.EmbeddedPostgresServer;
import dev.petri.engine.CopyProgress;
import dev.petri.engine.EngineHost;
import dev.petri.engine.SourceConnection;
import dev.petri.engine.postgres.PostgresEngine;
import dev.petri.masking.MaskingPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;

/**
 * Many small tables, the other shape of a production schema: stages a source of TABLES tables of ROWS
 * rows each (a name, an e-mail, a phone and a note per row), masks it and finishes it, and prints the
 * time of each step and per table. One untimed run on another copy first (a long-running service).
 */
public final class ManyTablesBenchmark {

    private ManyTablesBenchmark() {
    }

    /** Arguments: [tables, default 1000] [rows per table, default 20]. */
    public static void main(String[] args) throws Exception {
        int tables = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path dir = Files.createTempDirectory("petri-many-tables-bench");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("pgdata"), 0, "bench-pass", false)) {
            PostgresEngine engine = new PostgresEngine(new EngineHost("bench", "postgres", pg.jdbcUrl("postgres"),
                    EmbeddedPostgresServer.SUPERUSER, pg.password(), "127.0.0.1", pg.port(), 100));
            pg.createDatabase("bench_source");
            try (Connection c = pg.connect("bench_source"); Statement st = c.createStatement()) {
                for (int i = 0; i < tables; i++) {
                    st.execute("CREATE TABLE t" + i + " (id int PRIMARY KEY, full_name text, email text UNIQUE, phone text, note text)");
                    st.execute("INSERT INTO t" + i + " SELECT g, 'Anna Smith' || g, 'anna.' || g || '.t" + i + "@mail.test',"
                            + " '+1 555 01' || lpad(g::text, 2, '0'), 'called Anna Smith' || g || ' on +1 555 01' || lpad(g::text, 2, '0')"
                            + " FROM generate_series(1, " + rows + ") g");
                }
            }
            SourceConnection source = new SourceConnection(pg.jdbcUrl("bench_source"), EmbeddedPostgresServer.SUPERUSER,
                    pg.password());
            for (String run : new String[] {"warm-up", "timed"}) {
                String staging = "petri_stg_many_" + run.replace("-", "");
                long t0 = System.nanoTime();
                engine.stageFrom(source, staging, CopyProgress.none());
                double stage = MaskingBenchmark.secs(t0);
                t0 = System.nanoTime();
                Map<String, Object> report = new MaskingPipeline("benchmark-key").run(() -> engine.connect(staging), source,
                        Map.of(), (phase, table, done, total) -> { });
                double mask = MaskingBenchmark.secs(t0);
                t0 = System.nanoTime();
                engine.finishStaging(source, staging);
                double finish = MaskingBenchmark.secs(t0);
                engine.dropDatabase(staging);
                System.out.printf(Locale.ROOT, "%s: %,d tables x %,d rows: stage %.1f s, mask %.1f s (%.1f ms per table;"
                                + " phases %s), finish %.1f s; leak scan passed: %s%n", run, tables, rows, stage, mask,
                        mask * 1000 / tables, report.get("phases"), finish,
                        ((Map<?, ?>) report.get("leakScan")).get("passed"));
            }
        } finally {
            MaskingBenchmark.deleteTree(dir);
        }
    }
}
