package dev.petri.engine.sqlserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SqlServerUrlsTest {

    private static final String URL = "jdbc:sqlserver://db.local:14330;databaseName=master;user=sa;"
            + "password={Pa;ss}}word1};encrypt=true;trustServerCertificate=true";

    @Test
    void readsPropertiesIncludingBracedValues() {
        assertEquals("Pa;ss}word1", SqlServerUrls.property(URL, "PASSWORD"));
        assertEquals("sa", SqlServerUrls.property(URL, "user"));
        assertNull(SqlServerUrls.property(URL, "applicationName"));
        assertEquals("db.local", SqlServerUrls.host(URL));
        assertEquals(14330, SqlServerUrls.port(URL));
        assertEquals(1433, SqlServerUrls.port("jdbc:sqlserver://db\\inst;encrypt=true"));
        assertEquals("db", SqlServerUrls.host("jdbc:sqlserver://db\\inst;encrypt=true"));
    }

    @Test
    void switchesTheDatabaseAndDropsCredentials() {
        String clean = SqlServerUrls.withoutCredentials(URL);
        assertEquals("jdbc:sqlserver://db.local:14330;databaseName=master;encrypt=true;trustServerCertificate=true", clean);
        assertEquals("jdbc:sqlserver://db.local:14330;encrypt=true;trustServerCertificate=true;databaseName=petri_env_a1",
                SqlServerUrls.withDatabase(clean, "petri_env_a1"));
    }

    @Test
    void redactsPasswordsForMessages() {
        String redacted = SqlServerUrls.redact(URL);
        assertFalse(redacted.contains("Pa;ss"), redacted);
        assertFalse(redacted.contains("word1"), redacted);
        assertEquals("jdbc:sqlserver://db.local:14330;databaseName=master;user=sa;password=***;encrypt=true;"
                + "trustServerCertificate=true", redacted);
    }
}
