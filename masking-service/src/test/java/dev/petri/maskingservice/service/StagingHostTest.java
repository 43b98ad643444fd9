package dev.petri.maskingservice.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A run stages on a host of its image's engine, whichever engine that is. */
class StagingHostTest {

    private static final Map<String, String> KINDS = Map.of("pg-1", "postgres", "mssql-1", "sqlserver");
    private static final Map<String, String> DEFAULTS = Map.of("postgres", "pg-1", "postgresql", "pg-1",
            "sqlserver", "mssql-1", "mssql", "mssql-1");

    private static String host(Optional<String> configured, String engine) {
        return MaskingRunService.stagingHost(configured, engine, KINDS::get, DEFAULTS::get);
    }

    @Test
    void usesTheConfiguredHostWhenItRunsTheImagesEngine() {
        assertEquals("pg-1", host(Optional.of("pg-1"), "postgres"));
        assertEquals("mssql-1", host(Optional.of("mssql-1"), "mssql"));
    }

    @Test
    void anImageOfAnotherEngineStagesOnTheFirstHostOfItsOwnEngine() {
        assertEquals("mssql-1", host(Optional.of("pg-1"), "sqlserver"));
        assertEquals("pg-1", host(Optional.of("mssql-1"), "postgresql"));
        assertEquals("mssql-1", host(Optional.empty(), "sqlserver"));
    }

    @Test
    void anUnknownEngineIsABadRequest() {
        assertThrows(IllegalArgumentException.class, () -> host(Optional.empty(), "oracle"));
        assertThrows(IllegalArgumentException.class, () -> host(Optional.empty(), null));
    }
}
