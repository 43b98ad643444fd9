package dev.petri.engine.sqlserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and rewrites mssql-jdbc URLs ({@code jdbc:sqlserver://host:port;key=value;...}, values may be
 * braced): switch the database, strip credentials, redact passwords for messages.
 */
public final class SqlServerUrls {

    private static final String PREFIX = "jdbc:sqlserver://";

    private SqlServerUrls() {
    }

    /** The server part, {@code jdbc:sqlserver://host[\instance][:port]}. */
    public static String server(String url) {
        int semi = url.indexOf(';');
        return semi < 0 ? url : url.substring(0, semi);
    }

    /** The properties of a URL in order, keys as written. */
    public static Map<String, String> properties(String url) {
        Map<String, String> props = new LinkedHashMap<>();
        int semi = url.indexOf(';');
        if (semi < 0) {
            return props;
        }
        for (String pair : split(url.substring(semi + 1))) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String value = pair.substring(eq + 1).trim();
                if (value.startsWith("{") && value.endsWith("}")) {
                    value = value.substring(1, value.length() - 1).replace("}}", "}");
                }
                props.put(pair.substring(0, eq).trim(), value);
            }
        }
        return props;
    }

    /** A property's value, looked up without regard to case; null if absent. */
    public static String property(String url, String key) {
        for (Map.Entry<String, String> e : properties(url).entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The same URL pointing at another database. */
    public static String withDatabase(String url, String database) {
        return without(url, "databaseName", "database") + ";databaseName=" + brace(database);
    }

    /** The same URL without user name or password, so credentials come only from the caller. */
    public static String withoutCredentials(String url) {
        return without(url, "user", "userName", "password");
    }

    /** The URL with any password replaced by {@code ***}, safe for logs and messages. */
    public static String redact(String url) {
        return url == null ? null : SqlServerSql.redact(url);
    }

    /** Host name of the server part. */
    public static String host(String url) {
        String hostPort = server(url).substring(PREFIX.length());
        int end = hostPort.length();
        for (char stop : new char[] {'\\', ':'}) {
            int i = hostPort.indexOf(stop);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return hostPort.substring(0, end);
    }

    /** Port of the server part (or of a {@code portNumber} property), 1433 if none. */
    public static int port(String url) {
        String hostPort = server(url).substring(PREFIX.length());
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0) {
            return Integer.parseInt(hostPort.substring(colon + 1));
        }
        String prop = property(url, "portNumber");
        return prop == null ? 1433 : Integer.parseInt(prop);
    }

    private static String without(String url, String... keys) {
        StringBuilder sb = new StringBuilder(server(url));
        properties(url).forEach((k, v) -> {
            for (String key : keys) {
                if (k.equalsIgnoreCase(key)) {
                    return;
                }
            }
            sb.append(';').append(k).append('=').append(brace(v));
        });
        return sb.toString();
    }

    private static String brace(String value) {
        return value.contains(";") || value.contains("{") || value.contains("}") || value.contains("=")
                ? "{" + value.replace("}", "}}") + "}" : value;
    }

    private static List<String> split(String props) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean braced = false;
        for (int i = 0; i < props.length(); i++) {
            char ch = props.charAt(i);
            if (braced && ch == '}' && i + 1 < props.length() && props.charAt(i + 1) == '}') {
                current.append("}}");
                i++;
            } else if (ch == '{' && current.toString().endsWith("=")) {
                braced = true;
                current.append(ch);
            } else if (braced && ch == '}') {
                braced = false;
                current.append(ch);
            } else if (ch == ';' && !braced) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        if (current.length() > 0) {
            parts.add(current.toString());
        }
        return parts;
    }

    /** Whether a URL is an mssql-jdbc URL. */
    public static boolean isSqlServer(String url) {
        return url != null && url.toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }
}
