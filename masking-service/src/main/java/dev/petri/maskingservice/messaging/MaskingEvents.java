package dev.petri.maskingservice.messaging;

import dev.petri.common.EventMessages;
import dev.petri.events.MaskingCompleted;
import dev.petri.events.MaskingFailed;
import dev.petri.events.MaskingProgressed;
import dev.petri.events.Topics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes the masking service's events; outcomes wait for the broker's acknowledgement. */
@ApplicationScoped
public class MaskingEvents {

    @Inject
    @Channel(Topics.MASKING_COMPLETED)
    MutinyEmitter<MaskingCompleted> completed;

    @Inject
    @Channel(Topics.MASKING_FAILED)
    MutinyEmitter<MaskingFailed> failed;

    @Inject
    @Channel(Topics.MASKING_PROGRESSED)
    MutinyEmitter<MaskingProgressed> progressed;

    public void completed(MaskingCompleted event) {
        completed.sendMessageAndAwait(EventMessages.keyed(event));
    }

    public void failed(MaskingFailed event) {
        failed.sendMessageAndAwait(EventMessages.keyed(event));
    }

    /** Progress is best effort: a lost progress event is superseded by the next one. */
    public void progressed(MaskingProgressed event) {
        progressed.sendMessageAndForget(EventMessages.keyed(event));
    }
}
