package dev.petri.provisioner.rest;

import dev.petri.provisioner.service.PipelineWebhookService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The pipeline front doors: GitHub pull request and GitLab merge request webhooks. */
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Tag(name = "Front doors")
public class WebhookResource {

    @Inject
    PipelineWebhookService webhooks;

    @POST
    @Path("/github")
    @Operation(summary = "Receive a GitHub webhook",
            description = "pull_request opened/reopened requests an environment for the pull request; closed drops it."
                    + " Signed with X-Hub-Signature-256.")
    @APIResponse(responseCode = "202", description = "Acted on (requested, already exists, or released)")
    @APIResponse(responseCode = "200", description = "Acknowledged, nothing to do")
    @APIResponse(responseCode = "401", description = "Signature missing or wrong; nothing was done")
    public Response github(@HeaderParam("X-GitHub-Event") String event,
                           @HeaderParam("X-GitHub-Delivery") String delivery,
                           @HeaderParam("X-Hub-Signature-256") String signature, byte[] body) {
        return answer(webhooks.github(event, delivery, signature, body == null ? new byte[0] : body));
    }

    @POST
    @Path("/gitlab")
    @Operation(summary = "Receive a GitLab webhook",
            description = "Merge request open/reopen requests an environment; close/merge drops it. Checked with X-Gitlab-Token.")
    @APIResponse(responseCode = "202", description = "Acted on (requested, already exists, or released)")
    @APIResponse(responseCode = "200", description = "Acknowledged, nothing to do")
    @APIResponse(responseCode = "401", description = "Token missing or wrong; nothing was done")
    public Response gitlab(@HeaderParam("X-Gitlab-Event-UUID") String delivery,
                           @HeaderParam("X-Gitlab-Token") String token, byte[] body) {
        return answer(webhooks.gitlab(delivery, token, body == null ? new byte[0] : body));
    }

    private static Response answer(Map<String, Object> result) {
        return Response.status("ignored".equals(result.get("action")) ? 200 : 202).entity(result).build();
    }
}
