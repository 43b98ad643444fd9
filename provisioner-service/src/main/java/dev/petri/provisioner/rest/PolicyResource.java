package dev.petri.provisioner.rest;

import dev.petri.provisioner.service.PolicyService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** An image's masking policy: the proposal from its classification, applying a committed file, and {@code policy check}. */
@Path("/api/images/{name}/policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private static final String YAML = "application/yaml";

    @Inject
    PolicyService policies;

    /**
     * The proposal: JSON with the YAML inside, or — asked for with {@code Accept: application/yaml} — the file to
     * commit as it is ({@code curl -H 'Accept: application/yaml' …/policy > demo.yaml}).
     */
    @GET
    @Produces({MediaType.APPLICATION_JSON, YAML, "text/yaml"})
    public Response proposal(@PathParam("name") String name, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Map<String, Object> proposal = policies.proposal(name);
        boolean yaml = accept != null && accept.contains("yaml") && !accept.contains(MediaType.APPLICATION_JSON);
        return yaml ? Response.ok(proposal.get("yaml"), YAML).build()
                : Response.ok(proposal, MediaType.APPLICATION_JSON).build();
    }

    /**
     * Applies a policy (admins): {@code {"yaml": "<policy file>"}}, {@code {"policy": {...}}}, the policy itself
     * ({@code {"version": 1, "columns": [...]}}), or the JSON that {@code GET} answers. It becomes the image's policy; a change starts a build (202), the same policy again
     * changes nothing (200). A malformed policy is a 400 naming the problem, and changes nothing.
     */
    @PUT
    @Operation(summary = "Apply a policy file to an image (admins)", description = "A change starts a build.")
    @APIResponse(responseCode = "202", description = "The policy changed; a build starts")
    @APIResponse(responseCode = "200", description = "The image applies this policy already; nothing changes")
    @APIResponse(responseCode = "400", description = "The policy is malformed (the problem is named)")
    @APIResponse(responseCode = "404", description = "No such image")
    public Response apply(@PathParam("name") String name, Map<String, Object> body,
                          @Context ContainerRequestContext request) {
        Map<String, Object> applied = policies.apply(AuthFilter.caller(request), name, body);
        return Response.status(Boolean.TRUE.equals(applied.get("changed")) ? 202 : 200).entity(applied).build();
    }

    /** Applies a committed policy file sent as it is: {@code curl -X PUT --data-binary @demo.yaml -H 'Content-Type: application/yaml'}. */
    @PUT
    @Consumes({YAML, "text/yaml", MediaType.TEXT_PLAIN})
    public Response applyFile(@PathParam("name") String name, String yaml, @Context ContainerRequestContext request) {
        Map<String, Object> body = new HashMap<>();
        body.put("yaml", yaml == null ? "" : yaml);
        return apply(name, body, request);
    }

    /**
     * {@code policy check}: passes when the policy covers every column with a rule for every sensitive one, and says
     * whether the image applies it ({@code applied}); {@code ?requireApplied=true} also fails when it does not.
     */
    @POST
    @Path("/check")
    public Map<String, Object> check(@PathParam("name") String name, Map<String, Object> body,
                                     @QueryParam("requireApplied") boolean requireApplied) {
        return policies.check(name, body, requireApplied);
    }

    /** {@code policy check} of a committed file sent as it is: {@code curl --data-binary @demo.yaml -H 'Content-Type: application/yaml'}. */
    @POST
    @Path("/check")
    @Consumes({YAML, "text/yaml", MediaType.TEXT_PLAIN})
    public Map<String, Object> checkFile(@PathParam("name") String name, String yaml,
                                         @QueryParam("requireApplied") boolean requireApplied) {
        return policies.check(name, Map.of("yaml", yaml == null ? "" : yaml), requireApplied);
    }
}
