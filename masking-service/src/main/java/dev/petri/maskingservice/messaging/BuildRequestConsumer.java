package dev.petri.maskingservice.messaging;

import dev.petri.events.ImageBuildRequested;
import dev.petri.events.Topics;
import dev.petri.maskingservice.service.MaskingRunService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Accepts image build requests; the run itself executes in the background. */
@ApplicationScoped
public class BuildRequestConsumer {

    @Inject
    MaskingRunService runs;

    @Incoming(Topics.IMAGE_BUILD_REQUESTED)
    @Blocking
    public void onBuildRequested(ImageBuildRequested request) {
        runs.accept(request);
    }
}
