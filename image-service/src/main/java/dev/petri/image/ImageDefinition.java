package dev.petri.image;

import java.time.Instant;

/**
 * An image definition as the image service keeps it.
 *
 * @param name                 image name
 * @param engine               engine of the source
 * @param sourceJson           the source, with its password sealed, as JSON
 * @param refreshCron          cron of scheduled rebuilds, or null
 * @param poolSize             warm pool size
 * @param policyJson           policy overrides as JSON, or null
 * @param rebuildPending       a build was asked for while another ran
 * @param lastBuildRequestedAt when the last build was requested
 */
public record ImageDefinition(String name, String engine, String sourceJson, String refreshCron, int poolSize,
                              String policyJson, boolean rebuildPending, Instant lastBuildRequestedAt) {
}
