package dev.petri.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petri.cli.client.Json;
import org.junit.jupiter.api.Test;

class ConnectionFormatTest {

    private static final JsonNode SQL_SERVER = Json.parse("""
            {"id":"e7","jdbcUrl":"jdbc:sqlserver://db1:1433;databaseName=petri_e7","host":"db1","port":1433,
             "database":"petri_e7","username":"u7","password":"it's"}""").orElseThrow();

    @Test
    void printsASqlcmdLineForSqlServerEnvironments() {
        assertEquals("jdbc:sqlserver://db1:1433;databaseName=petri_e7\n"
                + "sqlcmd -S 'db1,1433' -d 'petri_e7' -U 'u7' -P 'it'\"'\"'s'\n",
                ConnectionFormat.URL.render(SQL_SERVER, null));
    }

    @Test
    void exportsOnlyTheJdbcUrlAndIdForSqlServerEnvironments() {
        assertEquals("export JDBC_URL='jdbc:sqlserver://db1:1433;databaseName=petri_e7'\n"
                + "export PETRI_ENV_ID='e7'\n", ConnectionFormat.ENV.render(SQL_SERVER, null));
    }

    @Test
    void quotesEveryValueForThePosixShell() {
        assertEquals("'a'\"'\"'b $c'", ConnectionFormat.shellQuote("a'b $c"));
        assertEquals("''", ConnectionFormat.shellQuote(null));
    }
}
