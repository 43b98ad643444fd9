package dev.petri.masking.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.ExecutorService;

/** Picks the masking dialect of a staging database from what its connection says it is. */
public final class MaskingDialects {

    /** The engines masking knows. */
    public enum Engine { POSTGRES, SQLSERVER }

    private MaskingDialects() {
    }

    /** The engine of a database product name ({@code DatabaseMetaData.getDatabaseProductName()}) or JDBC URL. */
    public static Engine engineOf(String productNameOrUrl) {
        String p = productNameOrUrl == null ? "" : productNameOrUrl.toLowerCase(Locale.ROOT);
        if (p.contains("postgres")) {
            return Engine.POSTGRES;
        }
        if (p.contains("sql server") || p.startsWith("jdbc:sqlserver:")) {
            return Engine.SQLSERVER;
        }
        throw new IllegalArgumentException("masking supports PostgreSQL and SQL Server, not '" + productNameOrUrl + "'");
    }

    /** The engine of an open connection. */
    public static Engine engineOf(Connection c) throws SQLException {
        return engineOf(c.getMetaData().getDatabaseProductName());
    }

    /** The dialect of an engine, masking batches on the given workers. */
    public static MaskingDialect of(Engine engine, ExecutorService workers, int parallelism) {
        return switch (engine) {
            case POSTGRES -> new PostgresMaskingDialect(workers, parallelism);
            case SQLSERVER -> new SqlServerMaskingDialect(workers, parallelism);
        };
    }
}
