package dev.petri.provisioner.rest;

import java.util.Map;

/** The JSON bodies the API accepts. */
public final class Requests {

    private Requests() {
    }

    /** {@code PUT /api/images/{name}}. */
    public record ImageDefinition(String engine, Source source, String refresh, Pool pool, Map<String, Object> policy) {
    }

    /** An image's source: a live database or a backup file. */
    public record Source(String jdbcUrl, String username, String password, String backupFile) {

        @Override
        public String toString() {
            return "Source[" + jdbcUrl + ", " + username + ", " + backupFile + "]";
        }
    }

    /** Warm pool settings. */
    public record Pool(Integer size) {
    }

    /** {@code POST /api/environments}. */
    public record NewEnvironment(String image, String ttl, String label) {
    }

    /** {@code POST /api/environments/{id}/extend}. */
    public record Extension(String ttl) {
    }

    /** {@code POST /api/tokens}. */
    public record NewToken(String name, String role) {
    }
}
