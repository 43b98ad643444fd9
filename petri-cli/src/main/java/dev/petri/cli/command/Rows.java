package dev.petri.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petri.cli.CliException;
import dev.petri.cli.Durations;
import dev.petri.cli.ExitCodes;
import dev.petri.cli.client.Json;
import dev.petri.cli.output.ListFormat;
import dev.petri.cli.output.ProgressDisplay;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Small readings of API objects that several commands share. */
final class Rows {

    private Rows() {
    }

    /** The answer as a JSON array, or a server error when it is not one. */
    /**
     * Fetches a list from the API; with {@code --format json} prints it as the API sent it, and when
     * it is empty says so on stderr. Returns the items to show as a table, or null when done.
     */
    static JsonNode fetchList(dev.petri.cli.PetriCli root, String path, ListFormat format, String what,
                              String emptyMessage) {
        dev.petri.cli.client.ApiResponse response = root.api().get(path);
        if (format == ListFormat.JSON) {
            root.context().out().println(response.body().strip());
            root.context().out().flush();
            return null;
        }
        JsonNode items = array(response.json(), what);
        if (items.isEmpty()) {
            root.context().err().println("petri: " + emptyMessage);
            root.context().err().flush();
            return null;
        }
        return items;
    }

    static JsonNode array(JsonNode node, String what) {
        if (node.isArray()) {
            return node;
        }
        if (node.isObject() && node.path("items").isArray()) {
            return node.get("items");
        }
        throw new CliException(ExitCodes.SERVER_ERROR, "the API did not answer a list of " + what);
    }

    /** A time until an ISO-8601 instant: {@code in 7h59m}, {@code expired}, or the text as given. */
    static String until(String isoTime, Instant now) {
        if (isoTime == null) {
            return null;
        }
        Instant at;
        try {
            at = Instant.parse(isoTime);
        } catch (DateTimeParseException e) {
            try {
                at = OffsetDateTime.parse(isoTime).toInstant();
            } catch (DateTimeParseException again) {
                return isoTime;
            }
        }
        Duration left = Duration.between(now, at);
        return left.isNegative() || left.isZero() ? "expired" : "in " + Durations.human(left);
    }

    /** An image's build progress bar, or null when it has none. */
    static String progressBar(JsonNode image) {
        JsonNode progress = image.get("progress");
        if (progress == null || !progress.isObject()) {
            return null;
        }
        int percent = (int) Math.round(progress.path("percent").asDouble(0));
        return ProgressDisplay.bar(percent, Json.text(progress, "phase"), Json.text(progress, "table"));
    }
}
