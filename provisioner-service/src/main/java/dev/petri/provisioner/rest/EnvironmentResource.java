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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Environments: ask for one, list, inspect, extend and release. */
@Path("/api/environments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Environments")
public class EnvironmentResource {

    @Inject
    EnvironmentRequestService environments;

    @POST
    @Operation(summary = "Ask for an environment",
            description = "Waits for it up to ?wait= (default 30 s); an Idempotency-Key header makes retries safe.")
    @APIResponse(responseCode = "201", description = "Ready: connection details and password")
    @APIResponse(responseCode = "202", description = "Not ready within the wait; poll the Location")
    @APIResponse(responseCode = "400", description = "A field is not valid (all are listed)")
    @APIResponse(responseCode = "401", description = "No or a wrong token")
    @APIResponse(responseCode = "404", description = "No such image")
    @APIResponse(responseCode = "503", description = "Pool and capacity exhausted or image not ready; see Retry-After")
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
    @Operation(summary = "List environments", description = "The caller's own; every one for admins. ?all=true adds ended ones.")
    public List<Map<String, Object>> list(@QueryParam("all") boolean all, @Context ContainerRequestContext request) {
        return environments.list(AuthFilter.caller(request), all);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Show one environment, with its password")
    @APIResponse(responseCode = "200", description = "The environment")
    @APIResponse(responseCode = "404", description = "No such environment of the caller's")
    public Map<String, Object> get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return environments.get(AuthFilter.caller(request), id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Release an environment: it is dropped and its login revoked")
    @APIResponse(responseCode = "202", description = "Releasing")
    @APIResponse(responseCode = "404", description = "No such environment of the caller's")
    public Response release(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return Response.accepted(environments.release(AuthFilter.caller(request), id)).build();
    }

    @POST
    @Path("/{id}/extend")
    @Operation(summary = "Extend an environment's time-to-live, up to the configured maximum")
    @APIResponse(responseCode = "200", description = "The environment with its new expiry")
    @APIResponse(responseCode = "409", description = "The environment is not READY")
    public Map<String, Object> extend(@PathParam("id") String id, Requests.Extension body,
                                      @Context ContainerRequestContext request) {
        return environments.extend(AuthFilter.caller(request), id, body);
    }
}
