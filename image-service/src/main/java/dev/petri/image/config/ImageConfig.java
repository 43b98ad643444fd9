package dev.petri.image.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the image service. */
@ConfigMapping(prefix = "petri.image")
public interface ImageConfig {

    /** How many READY versions of each image are kept; older ones are retired. */
    @WithDefault("2")
    int keepReadyVersions();

    /** How often the refresh schedules are checked. */
    @WithDefault("30s")
    String refreshCheckInterval();

    /** A build with no masking result after this many minutes is failed, so the image can build again. */
    @WithDefault("240")
    int buildTimeoutMinutes();
}
