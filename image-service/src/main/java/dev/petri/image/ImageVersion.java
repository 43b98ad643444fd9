package dev.petri.image;

import java.time.Instant;

/**
 * One version of an image.
 *
 * @param image      image name
 * @param version    version number, from 1
 * @param status     where it is in its lifecycle
 * @param host       the host holding its database
 * @param database   its database, once published
 * @param trigger    what started its build: definition, on-demand, schedule or queued
 * @param createdAt  when its build started
 * @param readyAt    when it was published, or null
 * @param sourceTime the source's point in time it was copied from, or null
 * @param sizeBytes  its size on disk, or null before it is published
 * @param policyHash hash of the masking policy it was masked with, or null
 * @param errorType  why its build failed, or null
 */
public record ImageVersion(String image, int version, VersionStatus status, String host, String database,
                           String trigger, Instant createdAt, Instant readyAt, Instant sourceTime, Long sizeBytes,
                           String policyHash, String errorType) {
}
