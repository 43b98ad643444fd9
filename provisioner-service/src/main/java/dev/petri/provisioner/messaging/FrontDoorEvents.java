package dev.petri.provisioner.messaging;

import dev.petri.common.EventMessages;
import dev.petri.events.EnvironmentExtendRequested;
import dev.petri.events.EnvironmentReleased;
import dev.petri.events.EnvironmentRequested;
import dev.petri.events.ImageBuildOrdered;
import dev.petri.events.ImageDefinitionSubmitted;
import dev.petri.events.ImagePolicySubmitted;
import dev.petri.events.Topics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes what callers ask for; each call returns once the broker has the event. */
@ApplicationScoped
public class FrontDoorEvents {

    @Inject
    @Channel(Topics.IMAGE_DEFINITION_SUBMITTED)
    MutinyEmitter<ImageDefinitionSubmitted> definitions;
    @Inject
    @Channel(Topics.IMAGE_POLICY_SUBMITTED)
    MutinyEmitter<ImagePolicySubmitted> policies;
    @Inject
    @Channel(Topics.IMAGE_BUILD_ORDERED)
    MutinyEmitter<ImageBuildOrdered> builds;
    @Inject
    @Channel(Topics.ENVIRONMENT_REQUESTED)
    MutinyEmitter<EnvironmentRequested> requested;
    @Inject
    @Channel(Topics.ENVIRONMENT_RELEASED)
    MutinyEmitter<EnvironmentReleased> released;
    @Inject
    @Channel(Topics.ENVIRONMENT_EXTEND_REQUESTED)
    MutinyEmitter<EnvironmentExtendRequested> extendRequested;

    public void definitionSubmitted(ImageDefinitionSubmitted event) {
        definitions.sendMessageAndAwait(EventMessages.keyed(event));
    }

    public void policySubmitted(ImagePolicySubmitted event) {
        policies.sendMessageAndAwait(EventMessages.keyed(event));
    }

    public void buildOrdered(ImageBuildOrdered event) {
        builds.sendMessageAndAwait(EventMessages.keyed(event));
    }

    public void environmentRequested(EnvironmentRequested event) {
        requested.sendMessageAndAwait(EventMessages.keyed(event));
    }

    public void environmentReleased(EnvironmentReleased event) {
        released.sendMessageAndAwait(EventMessages.keyed(event));
    }

    public void extendRequested(EnvironmentExtendRequested event) {
        extendRequested.sendMessageAndAwait(EventMessages.keyed(event));
    }
}
