package dev.petri.engine.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petri.engine.EngineHost;
import org.junit.jupiter.api.Test;

/** The URLs a PostgreSQL host hands out: the public one to developers, the internal one to Petri's services. */
class PostgresUrlsTest {

    private static PostgresEngine engine(String adminUrl) {
        return new PostgresEngine(new EngineHost("h", "postgres", adminUrl, "postgres", "secret", "db.example.com",
                15432, 10));
    }

    @Test
    void theInternalUrlIsTheAdminServerNotThePublicAddress() {
        PostgresEngine engine = engine("jdbc:postgresql://postgres:5432/postgres");
        assertEquals("jdbc:postgresql://postgres:5432/petri_env_x", engine.internalJdbcUrl("petri_env_x"));
        assertEquals("jdbc:postgresql://db.example.com:15432/petri_env_x", engine.publicJdbcUrl("petri_env_x"));
    }

    @Test
    void theInternalUrlKeepsConnectionSettingsButNeverTheAdminCredentials() {
        PostgresEngine engine = engine(
                "jdbc:postgresql://pg.internal:5432/postgres?user=postgres&sslmode=require&password=secret");
        assertEquals("jdbc:postgresql://pg.internal:5432/petri_env_x?sslmode=require",
                engine.internalJdbcUrl("petri_env_x"));
        assertEquals("jdbc:postgresql://pg.internal:5432/petri_env_x",
                engine("jdbc:postgresql://pg.internal:5432/postgres?PASSWORD=secret").internalJdbcUrl("petri_env_x"));
    }
}
