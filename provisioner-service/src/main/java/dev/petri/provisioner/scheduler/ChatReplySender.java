package dev.petri.provisioner.scheduler;

import dev.petri.provisioner.service.ChatReplyService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Thin trigger: posts the chat replies whose environment is ready (or failed). */
@ApplicationScoped
public class ChatReplySender {

    @Inject
    ChatReplyService replies;

    @Scheduled(every = "{petri.api.chat-reply-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void send() {
        replies.deliverDue();
    }
}
