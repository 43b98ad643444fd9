package dev.petri.provisioner.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petri.provisioner.service.ImageCatalogService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Images: define, list, inspect, rebuild, and read masking reports. */
@Path("/api/images")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ImageResource {

    @Inject
    ImageCatalogService images;

    @PUT
    @Path("/{name}")
    public Response define(@PathParam("name") String name, Requests.ImageDefinition body,
                           @Context ContainerRequestContext request) {
        return Response.accepted(images.define(AuthFilter.caller(request), name, body)).build();
    }

    @GET
    public List<Map<String, Object>> list() {
        return images.list();
    }

    @GET
    @Path("/{name}")
    public Map<String, Object> get(@PathParam("name") String name) {
        return images.get(name);
    }

    @POST
    @Path("/{name}/builds")
    public Response build(@PathParam("name") String name, @Context ContainerRequestContext request) {
        return Response.accepted(images.orderBuild(AuthFilter.caller(request), name)).build();
    }

    @GET
    @Path("/{name}/versions/{version}/report")
    public JsonNode report(@PathParam("name") String name, @PathParam("version") int version) {
        return images.report(name, version);
    }
}
