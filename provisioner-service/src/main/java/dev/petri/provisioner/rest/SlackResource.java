package dev.petri.provisioner.rest;

import dev.petri.provisioner.service.SlackCommandService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The Slack slash command front door: {@code /petri up [image] | ls | down ID | help}. */
@Path("/chat/slack")
@Tag(name = "Front doors")
public class SlackResource {

    @Inject
    SlackCommandService slack;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run a Slack slash command",
            description = "Form-encoded as Slack sends it, signed with Slack's signing secret (v0 HMAC-SHA256).")
    @APIResponse(responseCode = "200", description = "An ephemeral Slack message")
    @APIResponse(responseCode = "401", description = "Signature missing, wrong or too old")
    @APIResponse(responseCode = "404", description = "The Slack front door is not configured")
    public Map<String, Object> command(@HeaderParam("X-Slack-Request-Timestamp") String timestamp,
                                       @HeaderParam("X-Slack-Signature") String signature, byte[] body) {
        return slack.handle(timestamp, signature, body == null ? new byte[0] : body);
    }
}
