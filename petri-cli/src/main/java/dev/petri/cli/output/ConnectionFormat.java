package dev.petri.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petri.cli.client.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** How {@code petri up} prints a ready environment on stdout. */
public enum ConnectionFormat {

    /** The JDBC URL and a ready-to-run client command line. */
    URL {
        @Override
        public String render(JsonNode environment, String rawJson) {
            StringBuilder text = new StringBuilder(jdbcUrl(environment)).append(NL);
            if (isSqlServer(environment)) {
                text.append("sqlcmd -S ").append(shellQuote(field(environment, "host") + "," + field(environment, "port")))
                        .append(" -d ").append(shellQuote(field(environment, "database")))
                        .append(" -U ").append(shellQuote(field(environment, "username")))
                        .append(" -P ").append(shellQuote(field(environment, "password")))
                        .append(NL);
            } else {
                text.append("psql \"").append(postgresUri(environment)).append('"').append(NL);
            }
            return text.toString();
        }
    },

    /** Shell {@code export} lines, for {@code eval "$(petri up demo --format env)"}. */
    ENV {
        @Override
        public String render(JsonNode environment, String rawJson) {
            Map<String, String> vars = new LinkedHashMap<>();
            if (!isSqlServer(environment)) {
                vars.put("PGHOST", field(environment, "host"));
                vars.put("PGPORT", field(environment, "port"));
                vars.put("PGDATABASE", field(environment, "database"));
                vars.put("PGUSER", field(environment, "username"));
                vars.put("PGPASSWORD", field(environment, "password"));
                vars.put("DATABASE_URL", postgresUri(environment));
            }
            vars.put("JDBC_URL", jdbcUrl(environment));
            vars.put("PETRI_ENV_ID", field(environment, "id"));
            StringBuilder text = new StringBuilder();
            vars.forEach((name, value) -> text.append("export ").append(name).append('=')
                    .append(shellQuote(value)).append(NL));
            return text.toString();
        }
    },

    /** The environment JSON exactly as the API sent it. */
    JSON {
        @Override
        public String render(JsonNode environment, String rawJson) {
            String json = rawJson == null || rawJson.isBlank() ? Json.write(environment) : rawJson.strip();
            return json + NL;
        }
    };

    private static final String NL = System.lineSeparator();

    /** The text to print for a ready environment; {@code rawJson} is the body it was read from. */
    public abstract String render(JsonNode environment, String rawJson);

    /** A value in single quotes, safe for any POSIX shell. */
    public static String shellQuote(String value) {
        return "'" + (value == null ? "" : value).replace("'", "'\"'\"'") + "'";
    }

    /** A {@code postgresql://user:password@host:port/database} URI with its parts percent-encoded. */
    public static String postgresUri(JsonNode environment) {
        return "postgresql://" + encode(field(environment, "username")) + ':' + encode(field(environment, "password"))
                + '@' + field(environment, "host") + ':' + field(environment, "port")
                + '/' + encode(field(environment, "database"));
    }

    private static String jdbcUrl(JsonNode environment) {
        String given = Json.text(environment, "jdbcUrl");
        if (given != null) {
            return given;
        }
        return "jdbc:postgresql://" + field(environment, "host") + ':' + field(environment, "port")
                + '/' + field(environment, "database");
    }

    private static boolean isSqlServer(JsonNode environment) {
        String jdbc = Json.text(environment, "jdbcUrl");
        return jdbc != null && jdbc.startsWith("jdbc:sqlserver:");
    }

    private static String field(JsonNode environment, String name) {
        String value = Json.text(environment, name);
        return value == null ? "" : value;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
