package dev.petri.provisioner.rest;

import dev.petri.provisioner.repository.ImageViewRepository;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Pools: per image, its version, target, ready, provisioning and claimed members. */
@Path("/api/pools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Pools")
public class PoolResource {

    @Inject
    ImageViewRepository images;

    @GET
    @Operation(summary = "Warm pools per image: version, target, ready, provisioning and claimed members")
    public List<Map<String, Object>> list() {
        return images.pools();
    }
}
