package dev.petri.provisioner.rest;

import dev.petri.provisioner.service.TokenService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API tokens for users and pipelines (admins only). */
@Path("/api/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tokens")
public class TokenResource {

    @Inject
    TokenService tokens;

    @POST
    @Operation(summary = "Create a user or CI token (admins); its value is shown once")
    public Response create(Requests.NewToken body, @Context ContainerRequestContext request) {
        Requests.NewToken b = body == null ? new Requests.NewToken(null, null) : body;
        return Response.status(201).entity(tokens.create(AuthFilter.caller(request), b.name(), b.role())).build();
    }

    @GET
    @Operation(summary = "List tokens (admins), without their values")
    public List<Map<String, Object>> list(@Context ContainerRequestContext request) {
        return tokens.list(AuthFilter.caller(request));
    }

    @DELETE
    @Operation(summary = "Revoke a token (admins)")
    @Path("/{id}")
    public Response revoke(@PathParam("id") String id, @Context ContainerRequestContext request) {
        tokens.revoke(AuthFilter.caller(request), id);
        return Response.noContent().build();
    }
}
