package dev.petri.provisioner.service;

import dev.petri.common.PetriException;
import dev.petri.provisioner.Caller;
import dev.petri.provisioner.config.ApiConfig;
import dev.petri.provisioner.rest.Requests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Slack slash command {@code /petri up [image] | ls | down ID | help}: verified with Slack's signing
 * secret, answered at once with an ephemeral message; a Slack user owns their environments as
 * {@code slack:<user_id>}.
 */
@ApplicationScoped
public class SlackCommandService {

    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern NOT_IN_LABEL = Pattern.compile("[^\\p{L}\\p{N}_.-]");

    @Inject
    ApiConfig config;
    @Inject
    EnvironmentRequestService environments;
    @Inject
    ChatReplyService replies;

    /** Verifies and runs one slash command; the answer is Slack's message JSON. */
    public Map<String, Object> handle(String timestamp, String signature, byte[] body) {
        String secret = RequestSignatures.requireConfigured(config.slackSigningSecret(), "Slack",
                "PETRI_SLACK_SIGNING_SECRET");
        if (!RequestSignatures.slackValid(secret, timestamp, body, signature, Instant.now(), config.slackMaxAge())) {
            throw RequestSignatures.badSignature("X-Slack-Signature (or a recent X-Slack-Request-Timestamp)");
        }
        Map<String, String> form = parseForm(new String(body, StandardCharsets.UTF_8));
        String userId = form.get("user_id");
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            throw PetriException.invalid(Map.of("user_id", "required: the Slack user id"));
        }
        Caller caller = new Caller("slack:" + userId, "user");
        String command = form.getOrDefault("command", "/petri");
        List<String> words = List.of(form.getOrDefault("text", "").trim().split("\\s+"));
        try {
            return switch (words.get(0).toLowerCase(Locale.ROOT)) {
                case "up" -> up(caller, words.size() > 1 ? words.get(1) : config.webhookImage(),
                        form.get("user_name"), form.get("response_url"), command);
                case "ls" -> ephemeral(list(caller, command));
                case "down" -> ephemeral(down(caller, words.size() > 1 ? words.get(1) : null, command));
                default -> ephemeral(help(command));
            };
        } catch (PetriException e) {
            return ephemeral(":warning: " + e.title() + ": " + e.getMessage());
        }
    }

    private Map<String, Object> up(Caller caller, String image, String userName, String responseUrl, String command) {
        String label = "slack:@" + NOT_IN_LABEL.matcher(userName == null ? "" : userName).replaceAll("");
        EnvironmentRequestService.Outcome outcome = environments.request(caller,
                new Requests.NewEnvironment(image, null, label.length() > 80 ? label.substring(0, 80) : label),
                config.chatWait().toString(), null);
        Map<String, Object> env = outcome.environment();
        if (outcome.ready()) {
            return ephemeral(readyText(env, command));
        }
        String id = (String) env.get("id");
        if (responseUrl != null && responseUrl.startsWith(config.slackResponseUrlPrefix())) {
            replies.owe(id, responseUrl);
            return ephemeral(":hourglass_flowing_sand: Asking for an environment of *" + image + "* (`" + id
                    + "`); its connection details follow here when it is ready.");
        }
        return ephemeral(":hourglass_flowing_sand: Asking for an environment of *" + image + "* (`" + id
                + "`); `" + command + " ls` shows when it is ready.");
    }

    private String list(Caller caller, String command) {
        List<Map<String, Object>> mine = environments.list(caller, false);
        if (mine.isEmpty()) {
            return "You have no environments; `" + command + " up` gets one.";
        }
        StringBuilder text = new StringBuilder("Your environments:");
        for (Map<String, Object> env : mine) {
            text.append("\n• `").append(env.get("id")).append("` ").append(env.get("image"));
            if (env.get("imageVersion") != null) {
                text.append(" v").append(env.get("imageVersion"));
            }
            text.append(' ').append(env.get("status"));
            if (env.get("expiresAt") != null) {
                text.append(" until ").append(env.get("expiresAt"));
            }
            if (env.get("jdbcUrl") != null) {
                text.append(" — ").append(env.get("jdbcUrl"));
            }
        }
        return text.toString();
    }

    private String down(Caller caller, String id, String command) {
        if (id == null) {
            return "Say which one: `" + command + " down ID` (`" + command + " ls` lists them).";
        }
        Map<String, Object> env = environments.release(caller, id);
        return ":wastebasket: Environment `" + id + "` is " + env.get("status") + "; it will be dropped.";
    }

    private static String help(String command) {
        return "*Petri*: disposable databases with masked production data.\n"
                + "`" + command + " up [image]` — get an environment (connection details follow)\n"
                + "`" + command + " ls` — your environments\n"
                + "`" + command + " down ID` — drop one\n"
                + "`" + command + " help` — this help";
    }

    /** The message that hands over a ready environment's connection details. */
    static String readyText(Map<String, Object> env, String command) {
        StringBuilder text = new StringBuilder(":white_check_mark: Environment `").append(env.get("id"))
                .append("` (").append(env.get("image")).append(" v").append(env.get("imageVersion"))
                .append(") is ready until ").append(env.get("expiresAt")).append(".\n```")
                .append("jdbc:     ").append(env.get("jdbcUrl"))
                .append("\nusername: ").append(env.get("username"))
                .append("\npassword: ").append(env.get("password"));
        if (env.get("uri") != null) {
            text.append("\nuri:      ").append(env.get("uri"));
        }
        return text.append("```\n`").append(command).append(" down ").append(env.get("id"))
                .append("` drops it.").toString();
    }

    /** Slack's message JSON, seen only by the user who typed the command. */
    static Map<String, Object> ephemeral(String text) {
        return Map.of("response_type", "ephemeral", "text", text);
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.putIfAbsent(key, value);
        }
        return form;
    }
}
