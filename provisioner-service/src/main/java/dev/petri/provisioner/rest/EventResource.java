package dev.petri.provisioner.rest;

import dev.petri.provisioner.messaging.EventStream;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The live event stream: every bus event, secrets redacted, as server-sent events. */
@Path("/api/events")
@Tag(name = "Events")
public class EventResource {

    @Inject
    EventStream stream;

    @GET
    @Operation(summary = "Every bus event from now on, secrets redacted, as server-sent events",
            description = "EventSource clients may pass the token as ?access_token=.")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<String> events() {
        return stream.stream();
    }
}
