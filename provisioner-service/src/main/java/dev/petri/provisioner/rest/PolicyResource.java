package dev.petri.provisioner.rest;

import dev.petri.provisioner.service.PolicyService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** An image's masking policy: the proposal from its classification, and {@code policy check}. */
@Path("/api/images/{name}/policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {

    @Inject
    PolicyService policies;

    @GET
    public Map<String, Object> proposal(@PathParam("name") String name) {
        return policies.proposal(name);
    }

    @POST
    @Path("/check")
    public Map<String, Object> check(@PathParam("name") String name, Map<String, Object> body) {
        return policies.check(name, body);
    }
}
