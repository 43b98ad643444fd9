package dev.petri.image;

/**
 * One version of an image.
 *
 * @param image    image name
 * @param version  version number, from 1
 * @param status   where it is in its lifecycle
 * @param host     the host holding its database
 * @param database its database, once published
 */
public record ImageVersion(String image, int version, VersionStatus status, String host, String database) {
}
