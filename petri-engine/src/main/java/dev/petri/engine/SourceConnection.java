package dev.petri.engine;

/**
 * A production source read by the masking service; it is only ever read.
 *
 * @param jdbcUrl  JDBC URL
 * @param username login
 * @param password password (never logged)
 */
public record SourceConnection(String jdbcUrl, String username, String password) {

    @Override
    public String toString() {
        return "SourceConnection[" + jdbcUrl + ", " + username + "]";
    }
}
