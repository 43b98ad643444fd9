package dev.petri.image.messaging;

import dev.petri.events.EnvironmentDropped;
import dev.petri.events.EnvironmentExpired;
import dev.petri.events.EnvironmentReady;
import dev.petri.events.ImageBuildOrdered;
import dev.petri.events.ImageDefinitionSubmitted;
import dev.petri.events.ImagePolicySubmitted;
import dev.petri.events.MaskingCompleted;
import dev.petri.events.MaskingFailed;
import dev.petri.events.Topics;
import dev.petri.image.service.ImageService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Maps the events the image service reacts to onto its service calls. */
@ApplicationScoped
public class ImageEventConsumer {

    @Inject
    ImageService images;

    @Incoming(Topics.IMAGE_DEFINITION_SUBMITTED)
    @Blocking
    public void onDefinition(ImageDefinitionSubmitted event) {
        images.define(event);
    }

    @Incoming(Topics.IMAGE_POLICY_SUBMITTED)
    @Blocking
    public void onPolicy(ImagePolicySubmitted event) {
        images.applyPolicy(event);
    }

    @Incoming(Topics.IMAGE_BUILD_ORDERED)
    @Blocking
    public void onBuildOrdered(ImageBuildOrdered event) {
        images.requestBuild(event.imageName(), event.correlationId(), "on-demand");
    }

    @Incoming(Topics.MASKING_COMPLETED)
    @Blocking
    public void onMaskingCompleted(MaskingCompleted event) {
        images.publish(event);
    }

    @Incoming(Topics.MASKING_FAILED)
    @Blocking
    public void onMaskingFailed(MaskingFailed event) {
        images.buildFailed(event);
    }

    @Incoming(Topics.ENVIRONMENT_READY)
    @Blocking
    public void onEnvironmentReady(EnvironmentReady event) {
        images.environmentReady(event);
    }

    @Incoming(Topics.ENVIRONMENT_DROPPED)
    @Blocking
    public void onEnvironmentDropped(EnvironmentDropped event) {
        images.environmentDropped(event);
    }

    @Incoming(Topics.ENVIRONMENT_EXPIRED)
    @Blocking
    public void onEnvironmentExpired(EnvironmentExpired event) {
        images.environmentExpired(event);
    }
}
