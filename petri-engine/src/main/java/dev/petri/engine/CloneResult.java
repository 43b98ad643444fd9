package dev.petri.engine;

/**
 * What one clone took.
 *
 * @param database the new database
 * @param method   the mechanism used
 * @param millis   wall time of the clone
 */
public record CloneResult(String database, CloneMethod method, long millis) {
}
