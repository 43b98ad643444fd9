package dev.petri.engine;

import dev.petri.engine.postgres.PostgresEngine;
import dev.petri.engine.sqlserver.SqlServerEngine;

/** Picks the adapter for a host's engine. */
public final class Engines {

    private Engines() {
    }

    /** The adapter for a host. */
    public static DatabaseEngine forHost(EngineHost host) {
        return switch (host.engine()) {
            case "postgres", "postgresql" -> new PostgresEngine(host);
            case "sqlserver", "mssql" -> new SqlServerEngine(host);
            default -> throw new IllegalArgumentException("unknown engine '" + host.engine() + "'");
        };
    }

    /** Whether an engine name is known. */
    public static boolean isKnown(String engine) {
        return switch (engine == null ? "" : engine) {
            case "postgres", "postgresql", "sqlserver", "mssql" -> true;
            default -> false;
        };
    }

    /** The canonical name of an engine. */
    public static String canonical(String engine) {
        return switch (engine) {
            case "postgresql" -> "postgres";
            case "mssql" -> "sqlserver";
            default -> engine;
        };
    }
}
