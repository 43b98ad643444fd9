package dev.petri.pool.messaging;

import dev.petri.events.EnvironmentExtendRequested;
import dev.petri.events.EnvironmentReleased;
import dev.petri.events.EnvironmentRequested;
import dev.petri.events.ImageDefinitionSubmitted;
import dev.petri.events.ImageReady;
import dev.petri.events.ImageRetired;
import dev.petri.events.Topics;
import dev.petri.pool.service.EnvironmentService;
import dev.petri.pool.service.PoolService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Maps the events the pool service reacts to onto its service calls. */
@ApplicationScoped
public class PoolEventConsumer {

    @Inject
    PoolService pools;
    @Inject
    EnvironmentService environments;

    @Incoming(Topics.IMAGE_READY)
    @Blocking
    public void onImageReady(ImageReady event) {
        pools.imageReady(event);
    }

    @Incoming(Topics.IMAGE_RETIRED)
    @Blocking
    public void onImageRetired(ImageRetired event) {
        pools.imageRetired(event);
    }

    @Incoming(Topics.IMAGE_DEFINITION_SUBMITTED)
    @Blocking
    public void onDefinition(ImageDefinitionSubmitted event) {
        pools.targetChanged(event.imageName(), event.poolSize());
    }

    /** Requests run side by side, so that one waiting for a cold build does not hold up the others. */
    @Incoming(Topics.ENVIRONMENT_REQUESTED)
    @Blocking(ordered = false)
    public void onRequested(EnvironmentRequested event) {
        environments.request(event);
    }

    /**
     * Releases drop databases, which competes with the claims for the host: they run side by side on
     * their own small worker pool ({@code smallrye.messaging.worker.pool-drops.max-concurrency}).
     */
    @Incoming(Topics.ENVIRONMENT_RELEASED)
    @Blocking(value = "pool-drops", ordered = false)
    public void onReleased(EnvironmentReleased event) {
        environments.release(event);
    }

    @Incoming(Topics.ENVIRONMENT_EXTEND_REQUESTED)
    @Blocking
    public void onExtendRequested(EnvironmentExtendRequested event) {
        environments.extend(event);
    }
}
