package dev.petri.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petri.cli.CliException;
import dev.petri.cli.ExitCodes;
import java.util.Optional;

/**
 * A successful answer of the API.
 *
 * @param status the HTTP status
 * @param body the body as received
 * @param location the {@code Location} header, when there is one
 */
public record ApiResponse(int status, String body, Optional<String> location) {

    /** The body as a JSON tree; an answer that is not JSON is a server error. */
    public JsonNode json() {
        return Json.parse(body).orElseThrow(() -> new CliException(ExitCodes.SERVER_ERROR,
                "the API answered " + status + " without a JSON body"));
    }
}
