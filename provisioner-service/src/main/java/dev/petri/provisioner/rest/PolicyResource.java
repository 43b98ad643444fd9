package dev.petri.provisioner.rest;

import dev.petri.provisioner.service.PolicyService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** An image's masking policy: the proposal from its classification, and {@code policy check}. */
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

    @POST
    @Path("/check")
    public Map<String, Object> check(@PathParam("name") String name, Map<String, Object> body) {
        return policies.check(name, body);
    }

    /** {@code policy check} of a committed file sent as it is: {@code curl --data-binary @demo.yaml -H 'Content-Type: application/yaml'}. */
    @POST
    @Path("/check")
    @Consumes({YAML, "text/yaml", MediaType.TEXT_PLAIN})
    public Map<String, Object> checkFile(@PathParam("name") String name, String yaml) {
        return policies.check(name, Map.of("yaml", yaml == null ? "" : yaml));
    }
}
