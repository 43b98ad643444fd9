package dev.petri.pool;

/**
 * An image version the pool can clone.
 *
 * @param image    image name
 * @param version  version
 * @param engine   engine
 * @param host     host holding the image database
 * @param database the image database
 * @param active   whether new members may be built from it
 */
public record PoolImage(String image, int version, String engine, String host, String database, boolean active) {
}
