package dev.petri.engine.postgres;

import dev.petri.devstack.DemoDatabase;
import dev.petri.devstack.DevStack;
import dev.petri.engine.DatabaseEngine;
import dev.petri.engine.DatabaseEngineContract;
import dev.petri.engine.EngineHost;
import dev.petri.engine.SourceConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;

/** The engine contract against a real PostgreSQL 18 server. */
class PostgresEngineContractTest extends DatabaseEngineContract {

    private static PostgresEngine engine;
    private static SourceConnection source;

    @BeforeAll
    static void startServer() throws SQLException {
        DevStack stack = DevStack.shared();
        var pg = stack.postgres();
        engine = new PostgresEngine(new EngineHost("local", "postgres", pg.jdbcUrl("postgres"), "postgres",
                pg.password(), "127.0.0.1", pg.port(), 100));
        pg.createDatabase("contract_source");
        try (Connection c = pg.connect("contract_source"); Statement st = c.createStatement()) {
            DemoDatabase.create(c, 300, 7);
            st.execute("CREATE ROLE contract_reader LOGIN PASSWORD 'reader-pass'");
            st.execute("GRANT CONNECT ON DATABASE contract_source TO contract_reader");
            st.execute("GRANT USAGE ON SCHEMA public, crm TO contract_reader");
            st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public, crm TO contract_reader");
            st.execute("GRANT SELECT ON ALL SEQUENCES IN SCHEMA public, crm TO contract_reader");
        }
        source = new SourceConnection(pg.jdbcUrl("contract_source"), "contract_reader", "reader-pass");
    }

    @Override
    protected DatabaseEngine engine() {
        return engine;
    }

    @Override
    protected SourceConnection demoSource() {
        return source;
    }
}
