package dev.petri.provisioner;

import java.time.Instant;

/**
 * An environment as the front door knows it.
 *
 * @param id             environment id (also the request id)
 * @param owner          who asked for it
 * @param image          image name
 * @param label          free label (a CI job, a pull request ...)
 * @param ttlSeconds     requested time-to-live
 * @param status         where it is
 * @param imageVersion   image version it was cloned from
 * @param engine         engine
 * @param host           host to connect to
 * @param port           port to connect to
 * @param database       database name
 * @param username       its own login
 * @param passwordSealed the login's password, sealed, as JSON
 * @param expiresAt      when it expires
 * @param cold           built on demand rather than taken from the warm pool
 * @param errorType      why it failed
 * @param error          what failed
 * @param createdAt      when it was asked for
 */
public record Environment(String id, String owner, String image, String label, long ttlSeconds,
                          EnvironmentStatus status, Integer imageVersion, String engine, String host, Integer port,
                          String database, String username, String passwordSealed, Instant expiresAt, boolean cold,
                          String errorType, String error, Instant createdAt) {
}
