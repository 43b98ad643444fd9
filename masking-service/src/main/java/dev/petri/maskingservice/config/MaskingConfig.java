package dev.petri.maskingservice.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Settings of the masking service. */
@ConfigMapping(prefix = "petri.masking")
public interface MaskingConfig {

    /** Key that makes masking deterministic: the same key gives the same masked values. */
    String secret();

    /** Host that holds staging databases; the first host of the image's engine when empty. */
    Optional<String> stagingHost();

    /** How many masking runs may execute at once. */
    @WithDefault("2")
    int parallelRuns();

    /** Least time between two progress events of one run. */
    @WithDefault("500")
    int progressIntervalMs();
}
