package dev.petri.provisioner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the public API. */
@ConfigMapping(prefix = "petri.api")
public interface ApiConfig {

    /** The admin token ({@code PETRI_ADMIN_TOKEN}); admins create user and CI tokens. */
    String adminToken();

    /** How long {@code POST /api/environments} waits for the environment when the request names no wait. */
    @WithDefault("PT30S")
    Duration defaultWait();

    /** Longest wait a request may ask for. */
    @WithDefault("PT120S")
    Duration maxWait();

    /** Time-to-live when the request names none. */
    @WithDefault("PT8H")
    Duration defaultTtl();

    /** Shortest time-to-live a request may ask for. */
    @WithDefault("PT5M")
    Duration minTtl();

    /** Longest time-to-live a request (or an extension) may ask for. */
    @WithDefault("72")
    int ttlMaxHours();

    /** Largest warm pool an image may ask for. */
    @WithDefault("50")
    int maxPoolSize();

    /** How often unanswered environment requests are published again. */
    @WithDefault("10s")
    String republishInterval();
    /** Slack's signing secret ({@code PETRI_SLACK_SIGNING_SECRET}); without it {@code POST /chat/slack} is off. */
    Optional<String> slackSigningSecret();

    /** Oldest Slack request timestamp accepted, against replays. */
    @WithDefault("PT5M")
    Duration slackMaxAge();

    /** How long a slash command waits for the environment before answering that it will post it later. */
    @WithDefault("PT2S")
    Duration chatWait();

    /** Slack's {@code response_url} must start with this (the answer carries connection details). */
    @WithDefault("https://hooks.slack.com/")
    String slackResponseUrlPrefix();

    /** GitHub's webhook secret ({@code PETRI_GITHUB_WEBHOOK_SECRET}); without it {@code POST /webhooks/github} is off. */
    Optional<String> githubWebhookSecret();

    /** GitLab's webhook token ({@code PETRI_GITLAB_WEBHOOK_TOKEN}); without it {@code POST /webhooks/gitlab} is off. */
    Optional<String> gitlabWebhookToken();

    /** The image pull and merge requests get, and {@code /petri up} when it names none. */
    @WithDefault("demo")
    String webhookImage();

    /** Time-to-live of a pull request's environment (it is dropped when the pull request closes). */
    @WithDefault("PT24H")
    Duration webhookTtl();

    /** How often owed chat replies are checked and posted (a scheduler period such as {@code 1s}). */
    @WithDefault("1s")
    String chatReplyInterval();

    /** How often the pool and masking gauges are read from the read model (a scheduler period). */
    @WithDefault("15s")
    String metricsRefreshInterval();
}
