package dev.petri.masking;

import dev.petri.devstack.DevStack;
import dev.petri.engine.CopyProgress;
import dev.petri.engine.DbNames;
import dev.petri.engine.EngineHost;
import dev.petri.engine.SourceConnection;
import dev.petri.engine.postgres.PostgresEngine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A test's own source database on the dev stack's PostgreSQL: created by the test's statements, staged, masked with a
 * policy, checked while its masked copy exists, and dropped with it.
 */
final class ScratchSource {

    /** What a test writes into its source. */
    interface Setup {
        void run(Statement st) throws SQLException;
    }

    /** What a test checks in the masked copy, by its database name. */
    interface Check {
        void check(String staging) throws SQLException;
    }

    static final PostgresEngine ENGINE = engine();

    private ScratchSource() {
    }

    private static PostgresEngine engine() {
        var pg = DevStack.shared().postgres();
        return new PostgresEngine(new EngineHost("local", "postgres", pg.jdbcUrl("postgres"), "postgres", pg.password(),
                "127.0.0.1", pg.port(), 100));
    }

    /** Creates, stages and masks a source under a secret key; returns the masking report. */
    static Map<String, Object> mask(String key, Setup setup, Map<String, Object> policy, CopyProgress copy,
                                    MaskingProgress progress, Check check) throws SQLException {
        var pg = DevStack.shared().postgres();
        String db = "scratch_" + UUID.randomUUID().toString().substring(0, 8);
        pg.createDatabase(db);
        String staging = DbNames.staging("scr" + UUID.randomUUID().toString().substring(0, 6), 1);
        try {
            try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
                setup.run(st);
            }
            SourceConnection source = new SourceConnection(pg.jdbcUrl(db), "postgres", pg.password());
            ENGINE.stageFrom(source, staging, copy);
            Map<String, Object> report = new MaskingPipeline(key).run(() -> ENGINE.connect(staging), source, policy,
                    progress);
            check.check(staging);
            return report;
        } finally {
            ENGINE.dropDatabase(staging);
            ENGINE.dropDatabase(db);
        }
    }

    /** Creates, stages and masks a source with no policy. */
    static Map<String, Object> mask(String key, Setup setup, Check check) throws SQLException {
        return mask(key, setup, Map.of(), CopyProgress.none(), (phase, table, done, total) -> { }, check);
    }

    /** The first column of the first row a query returns from a database, as text. */
    static String one(String database, String sql) throws SQLException {
        try (Connection c = ENGINE.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
