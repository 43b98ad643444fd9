package dev.petri.provisioner.rest;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The admin token and front door secrets the provisioner's tests use. */
public class ProvisionerTestProfile implements QuarkusTestProfile {

    static final String ADMIN_TOKEN = "test-admin-token";
    static final String SLACK_SECRET = "test-slack-signing-secret-8f74";
    static final String GITHUB_SECRET = "test-github-webhook-secret-41d";
    static final String GITLAB_TOKEN = "test-gitlab-webhook-token-9c2";
    /** The image pull requests and {@code /petri up} without an image get. */
    static final String WEBHOOK_IMAGE = "hooks";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("petri.api.admin-token", ADMIN_TOKEN,
                "petri.api.slack-signing-secret", SLACK_SECRET,
                "petri.api.slack-response-url-prefix", "http://127.0.0.1:",
                "petri.api.github-webhook-secret", GITHUB_SECRET,
                "petri.api.gitlab-webhook-token", GITLAB_TOKEN,
                "petri.api.webhook-image", WEBHOOK_IMAGE);
    }
}
