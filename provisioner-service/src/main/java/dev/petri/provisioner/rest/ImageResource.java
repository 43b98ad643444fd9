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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Images: define, list, inspect, rebuild, and read masking reports. */
@Path("/api/images")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Images")
public class ImageResource {

    @Inject
    ImageCatalogService images;

    @PUT
    @Path("/{name}")
    @Operation(summary = "Define or update an image (admins)", description = "The first build starts.")
    @APIResponse(responseCode = "202", description = "Accepted; the image builds")
    @APIResponse(responseCode = "400", description = "A field is not valid (all are listed)")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Response define(@PathParam("name") String name, Requests.ImageDefinition body,
                           @Context ContainerRequestContext request) {
        return Response.accepted(images.define(AuthFilter.caller(request), name, body)).build();
    }

    @GET
    @Operation(summary = "List images with status and build progress")
    public List<Map<String, Object>> list() {
        return images.list();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Show an image and its versions")
    @APIResponse(responseCode = "200", description = "The image")
    @APIResponse(responseCode = "404", description = "No such image")
    public Map<String, Object> get(@PathParam("name") String name) {
        return images.get(name);
    }

    @POST
    @Path("/{name}/builds")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Build a new version now (admins)")
    @APIResponse(responseCode = "202", description = "The build is ordered")
    @APIResponse(responseCode = "404", description = "No such image")
    public Response build(@PathParam("name") String name, @Context ContainerRequestContext request) {
        return Response.accepted(images.orderBuild(AuthFilter.caller(request), name)).build();
    }

    @GET
    @Path("/{name}/versions/{version}/report")
    @Operation(summary = "The masking report of a version: classifications, rules and the leak scan")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "404", description = "No such image or version, or the version is still building")
    @APIResponse(responseCode = "409", description = "The build failed before its report was written (build-failed)")
    public JsonNode report(@PathParam("name") String name, @PathParam("version") int version) {
        return images.report(name, version);
    }
}
