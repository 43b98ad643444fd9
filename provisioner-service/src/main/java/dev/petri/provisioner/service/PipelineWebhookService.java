package dev.petri.provisioner.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petri.common.PetriException;
import dev.petri.events.EventJson;
import dev.petri.provisioner.Caller;
import dev.petri.provisioner.Environment;
import dev.petri.provisioner.config.ApiConfig;
import dev.petri.provisioner.repository.EnvironmentRepository;
import dev.petri.provisioner.rest.Requests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pipelines through webhooks: a GitHub pull request or GitLab merge request that opens gets an
 * environment labelled {@code github:org/repo#42}, owned by {@code github:org/repo}; when it closes or
 * merges, the environment is dropped. A redelivered webhook changes nothing.
 */
@ApplicationScoped
public class PipelineWebhookService {

    /** What a webhook asks for. */
    enum Intent { OPEN, CLOSE, IGNORE }

    private static final Set<String> GITHUB_OPEN = Set.of("opened", "reopened");
    private static final Set<String> GITLAB_OPEN = Set.of("open", "reopen");
    private static final Set<String> GITLAB_CLOSE = Set.of("close", "merge");

    @Inject
    ApiConfig config;
    @Inject
    EnvironmentRequestService environments;
    @Inject
    EnvironmentRepository repository;

    /** Handles a GitHub delivery: {@code pull_request} events act, {@code ping} and others are acknowledged. */
    public Map<String, Object> github(String event, String deliveryId, String signature, byte[] body) {
        String secret = RequestSignatures.requireConfigured(config.githubWebhookSecret(), "GitHub",
                "PETRI_GITHUB_WEBHOOK_SECRET");
        if (!RequestSignatures.githubValid(secret, body, signature)) {
            throw RequestSignatures.badSignature("X-Hub-Signature-256");
        }
        if (!"pull_request".equals(event)) {
            return ignored("event " + event + " is not acted on");
        }
        JsonNode json = parse(body);
        String action = json.path("action").asText("");
        Intent intent = GITHUB_OPEN.contains(action) ? Intent.OPEN : "closed".equals(action) ? Intent.CLOSE : Intent.IGNORE;
        return act("github", json.path("repository").path("full_name").asText(null),
                json.path("pull_request").path("number").asInt(json.path("number").asInt(0)), action, intent,
                deliveryId);
    }

    /** Handles a GitLab delivery: merge request hooks act, others are acknowledged. */
    public Map<String, Object> gitlab(String deliveryId, String token, byte[] body) {
        String expected = RequestSignatures.requireConfigured(config.gitlabWebhookToken(), "GitLab",
                "PETRI_GITLAB_WEBHOOK_TOKEN");
        if (!RequestSignatures.constantTimeEquals(expected, token)) {
            throw RequestSignatures.badSignature("X-Gitlab-Token");
        }
        JsonNode json = parse(body);
        if (!"merge_request".equals(json.path("object_kind").asText())) {
            return ignored("object_kind " + json.path("object_kind").asText("(none)") + " is not acted on");
        }
        JsonNode attributes = json.path("object_attributes");
        String action = attributes.path("action").asText("");
        Intent intent = GITLAB_OPEN.contains(action) ? Intent.OPEN
                : GITLAB_CLOSE.contains(action) ? Intent.CLOSE : Intent.IGNORE;
        return act("gitlab", json.path("project").path("path_with_namespace").asText(null),
                attributes.path("iid").asInt(0), action, intent, deliveryId);
    }

    private Map<String, Object> act(String provider, String repo, int number, String action, Intent intent,
                                    String deliveryId) {
        if (intent == Intent.IGNORE) {
            return ignored("action " + action + " is not acted on");
        }
        Validation v = new Validation();
        v.check(repo != null && repo.matches("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+") && repo.length() <= 80,
                "repository", "required: owner/name of at most 80 letters, digits and _.- characters");
        v.check(number > 0, "number", "required: the pull or merge request number");
        v.throwIfInvalid();
        String owner = provider + ":" + repo;
        String label = owner + "#" + number;
        Caller caller = new Caller(owner, "ci");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("label", label);
        List<Environment> active = repository.activeByLabel(label).stream()
                .filter(e -> e.owner().equals(owner)).toList();
        if (intent == Intent.CLOSE) {
            List<String> released = new ArrayList<>();
            for (Environment env : active) {
                environments.release(caller, env.id());
                released.add(env.id());
            }
            out.put("action", "released");
            out.put("environments", released);
            return out;
        }
        if (!active.isEmpty()) {
            out.put("action", "exists");
            out.put("environment", environments.list(caller, false).stream()
                    .filter(e -> e.get("id").equals(active.get(0).id())).findFirst().orElse(null));
            return out;
        }
        String key = label + ":" + action + (deliveryId == null || deliveryId.isBlank() ? "" : ":" + deliveryId);
        EnvironmentRequestService.Outcome outcome = environments.request(caller,
                new Requests.NewEnvironment(config.webhookImage(), config.webhookTtl().toString(), label), "PT0S",
                key.length() > 200 ? key.substring(0, 200) : key);
        out.put("action", "requested");
        out.put("environment", withoutSecrets(outcome.environment()));
        return out;
    }

    private static Map<String, Object> withoutSecrets(Map<String, Object> env) {
        Map<String, Object> copy = new LinkedHashMap<>(env);
        copy.remove("password");
        copy.remove("uri");
        return copy;
    }

    private static Map<String, Object> ignored(String why) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", "ignored");
        out.put("reason", why);
        return out;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode json = EventJson.mapper().readTree(body);
            if (json == null || !json.isObject()) {
                throw PetriException.badRequest("the webhook body is not a JSON object");
            }
            return json;
        } catch (IOException e) {
            throw PetriException.badRequest("the webhook body is not a JSON object");
        }
    }
}
