package dev.petri.provisioner.rest;

import dev.petri.provisioner.service.EnvironmentRequestService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/** Environments: ask for one, list, inspect, extend and release. */
@Path("/api/environments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EnvironmentResource {

    @Inject
    EnvironmentRequestService environments;

    @POST
    public Response request(Requests.NewEnvironment body, @QueryParam("wait") String wait,
                            @HeaderParam("Idempotency-Key") String idempotencyKey,
                            @Context ContainerRequestContext request, @Context UriInfo uri) {
        EnvironmentRequestService.Outcome outcome = environments.request(AuthFilter.caller(request), body, wait,
                idempotencyKey);
        var location = uri.getBaseUriBuilder().path("api/environments").path((String) outcome.environment().get("id"))
                .build();
        return (outcome.ready() ? Response.status(201) : Response.accepted()).location(location)
                .entity(outcome.environment()).build();
    }

    @GET
    public List<Map<String, Object>> list(@QueryParam("all") boolean all, @Context ContainerRequestContext request) {
        return environments.list(AuthFilter.caller(request), all);
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return environments.get(AuthFilter.caller(request), id);
    }

    @DELETE
    @Path("/{id}")
    public Response release(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return Response.accepted(environments.release(AuthFilter.caller(request), id)).build();
    }

    @POST
    @Path("/{id}/extend")
    public Map<String, Object> extend(@PathParam("id") String id, Requests.Extension body,
                                      @Context ContainerRequestContext request) {
        return environments.extend(AuthFilter.caller(request), id, body);
    }
}
