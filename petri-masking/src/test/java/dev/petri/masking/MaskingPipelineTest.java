package dev.petri.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petri.engine.SourceConnection;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The engine-neutral parts of the pipeline that need no server: error messages and source sessions. */
class MaskingPipelineTest {

    @Test
    void errorMessagesOfEitherEngineLoseTheirValues() {
        String pg = MaskingPipeline.safeMessage(new SQLException("ERROR: duplicate key value violates unique constraint"
                + " \"customers_email_key\"\n  Detail: Key (email)=(ann@example.org) already exists.", "23505"));
        assertFalse(pg.contains("ann@example.org"), pg);
        String unique = MaskingPipeline.safeMessage(new SQLException("Violation of UNIQUE KEY constraint"
                + " 'UQ_customers_email'. Cannot insert duplicate key in object 'dbo.customers'. The duplicate key value"
                + " is (ann@example.org).", "23000", 2627));
        assertFalse(unique.contains("ann@example.org"), unique);
        assertTrue(unique.startsWith("SQLState 23000: Violation of UNIQUE KEY constraint"), unique);
        String conversion = MaskingPipeline.safeMessage(new SQLException("Conversion failed when converting the"
                + " nvarchar value 'Ann O''Neil' to data type int.", "S0001", 245));
        assertFalse(conversion.contains("Ann"), conversion);
        String truncated = MaskingPipeline.safeMessage(new SQLException("String or binary data would be truncated in"
                + " table 'petri.dbo.customers', column 'email'. Truncated value: 'ann@exa'.", "S0001", 2628));
        assertFalse(truncated.contains("ann@exa"), truncated);
    }

    @Test
    void opensSqlServerSourcesWithReadOnlyIntentAndPostgresSourcesReadOnly() {
        Properties mssql = MaskingPipeline.sourceProperties(new SourceConnection(
                "jdbc:sqlserver://db:1433;databaseName=shop", "reader", "secret"));
        assertEquals("ReadOnly", mssql.getProperty("applicationIntent"));
        assertEquals("reader", mssql.getProperty("user"));
        assertNull(mssql.getProperty("readOnly"));
        Properties pg = MaskingPipeline.sourceProperties(new SourceConnection("jdbc:postgresql://db/shop", "reader",
                null));
        assertEquals("true", pg.getProperty("readOnly"));
        assertNull(pg.getProperty("password"));
    }
}
