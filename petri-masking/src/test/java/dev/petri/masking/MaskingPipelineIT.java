package dev.petri.masking;

import dev.petri.devstack.DemoDatabase;
import dev.petri.devstack.DevStack;
import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.EngineHost;
import dev.petri.engine.SourceConnection;
import dev.petri.engine.postgres.PostgresEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The masking contract against a real (embedded) PostgreSQL 18 holding the demo production database. */
class MaskingPipelineIT extends MaskingPipelineContract {

    @Override
    protected DatabaseEngine createEngine() {
        var pg = DevStack.shared().postgres();
        return new PostgresEngine(new EngineHost("local", "postgres", pg.jdbcUrl("postgres"), "postgres",
                pg.password(), "127.0.0.1", pg.port(), 100));
    }

    @Override
    protected SourceConnection createSource(DatabaseEngine engine) throws SQLException {
        var pg = DevStack.shared().postgres();
        String db = "masking_source_" + unique();
        pg.createDatabase(db);
        String role = "masking_reader_" + unique();
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            DemoDatabase.create(c, CUSTOMERS, 42);
            adjustDemo(c);
            st.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'reader-pass'");
            st.execute("GRANT CONNECT ON DATABASE " + db + " TO " + role);
            st.execute("GRANT USAGE ON SCHEMA public, crm TO " + role);
            st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public, crm TO " + role);
            st.execute("GRANT SELECT ON ALL SEQUENCES IN SCHEMA public, crm TO " + role);
        }
        return new SourceConnection(pg.jdbcUrl(db), role, "reader-pass");
    }

    @Override
    protected String defaultSchema() {
        return "public";
    }

    @Override
    protected String q(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    protected boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    @Override
    protected boolean isCheckViolation(SQLException e) {
        return "23514".equals(e.getSQLState());
    }
}
