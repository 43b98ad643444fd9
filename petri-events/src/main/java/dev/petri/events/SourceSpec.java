package dev.petri.events;

/**
 * Where an image's production data comes from: a live database or a backup file.
 *
 * @param jdbcUrl    JDBC URL of a live source, read only; null when a backup file is used
 * @param username   user of the live source
 * @param password   its password, sealed
 * @param backupFile path of a backup file readable by the masking service; null for a live source
 */
public record SourceSpec(String jdbcUrl, String username, SealedSecret password, String backupFile) {
}
