package dev.petri.provisioner.service;

import dev.petri.common.PetriException;
import dev.petri.events.EventJson;
import dev.petri.provisioner.Caller;
import dev.petri.provisioner.repository.ChatReplyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Posts an environment's outcome to the chat that asked for it once the environment has left
 * REQUESTED. Replies are owed in the database, so any instance delivers them, each once.
 */
@ApplicationScoped
public class ChatReplyService {

    private static final Logger LOG = Logger.getLogger(ChatReplyService.class);
    /** Slack accepts posts to a response_url for 30 minutes. */
    private static final Duration MAX_AGE = Duration.ofMinutes(30);
    private static final int MAX_ATTEMPTS = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    ChatReplyRepository replies;
    @Inject
    EnvironmentRequestService environments;

    /** Remembers to post an environment's outcome to a chat URL. */
    public void owe(String environmentId, String responseUrl) {
        replies.insert(environmentId, responseUrl);
    }

    /** Posts every reply whose environment is ready, failed or gone; returns how many were posted. */
    public int deliverDue() {
        int posted = 0;
        for (ChatReplyRepository.Due due : replies.due(MAX_AGE, MAX_ATTEMPTS)) {
            if (!replies.claim(due.environmentId())) {
                continue;
            }
            if (post(due)) {
                posted++;
            } else {
                replies.release(due.environmentId());
            }
        }
        return posted;
    }

    private boolean post(ChatReplyRepository.Due due) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("response_type", "ephemeral");
        message.put("replace_original", false);
        message.put("text", text(due));
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(due.responseUrl()))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(EventJson.write(message))).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                return true;
            }
            LOG.warnf("the chat did not take the reply for environment %s: HTTP %d", due.environmentId(),
                    response.statusCode());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("cannot post the chat reply for environment %s: %s", due.environmentId(),
                    e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private String text(ChatReplyRepository.Due due) {
        Map<String, Object> env;
        try {
            env = environments.get(new Caller(due.owner(), "user"), due.environmentId());
        } catch (PetriException e) {
            return ":warning: Environment `" + due.environmentId() + "` is gone.";
        }
        return switch (String.valueOf(env.get("status"))) {
            case "READY" -> SlackCommandService.readyText(env, "/petri");
            case "FAILED" -> ":x: Environment `" + env.get("id") + "` of " + env.get("image")
                    + " could not be provisioned: " + env.get("error");
            default -> ":information_source: Environment `" + env.get("id") + "` is " + env.get("status")
                    + " before it became ready.";
        };
    }
}
