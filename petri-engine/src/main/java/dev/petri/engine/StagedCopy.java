package dev.petri.engine;

import java.time.Instant;

/**
 * A source copied into a staging database, data loaded but constraints, indexes and views not
 * yet built, so that masking can rewrite rows before indexes exist.
 *
 * @param database   the staging database
 * @param sourceTime the source's point in time (the snapshot the copy read)
 * @param tables     tables copied
 * @param rows       rows copied
 */
public record StagedCopy(String database, Instant sourceTime, int tables, long rows) {
}
