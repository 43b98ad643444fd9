package dev.petri.image.messaging;

import dev.petri.common.EventMessages;
import dev.petri.events.ImageBuildFailed;
import dev.petri.events.ImageBuildRequested;
import dev.petri.events.ImageReady;
import dev.petri.events.ImageRetired;
import dev.petri.events.Topics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes the image service's events and waits for the broker's acknowledgement. */
@ApplicationScoped
public class ImageEvents {

    @Inject
    @Channel(Topics.IMAGE_BUILD_REQUESTED)
    MutinyEmitter<ImageBuildRequested> buildRequested;

    @Inject
    @Channel(Topics.IMAGE_BUILD_FAILED)
    MutinyEmitter<ImageBuildFailed> buildFailed;

    @Inject
    @Channel(Topics.IMAGE_READY)
    MutinyEmitter<ImageReady> ready;

    @Inject
    @Channel(Topics.IMAGE_RETIRED)
    MutinyEmitter<ImageRetired> retired;

    public void buildRequested(ImageBuildRequested event) {
        buildRequested.sendMessageAndAwait(EventMessages.keyed(event));
    }

    public void buildFailed(ImageBuildFailed event) {
        buildFailed.sendMessageAndAwait(EventMessages.keyed(event));
    }

    public void ready(ImageReady event) {
        ready.sendMessageAndAwait(EventMessages.keyed(event));
    }

    public void retired(ImageRetired event) {
        retired.sendMessageAndAwait(EventMessages.keyed(event));
    }
}
