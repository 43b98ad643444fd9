package dev.petri.pool;

import java.time.Instant;

/**
 * A pool member: one database cloned from an image version, with its own login.
 *
 * @param id             member id
 * @param image          image name
 * @param version        image version
 * @param host           host holding the database
 * @param database       database name
 * @param login          its login
 * @param passwordSealed the login's password, sealed, as JSON
 * @param status         lifecycle status
 * @param environmentId  the environment it serves, once claimed
 * @param expiresAt      when a claimed member expires
 * @param cloneMethod    how it was cloned
 * @param cold           built on demand for a request, not taken from the warm pool
 */
public record Member(String id, String image, int version, String host, String database, String login,
                     String passwordSealed, MemberStatus status, String environmentId, Instant expiresAt,
                     String cloneMethod, boolean cold) {
}
