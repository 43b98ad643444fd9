package dev.petri.provisioner.rest;

import dev.petri.common.Problem;
import dev.petri.provisioner.Caller;
import dev.petri.provisioner.service.TokenService;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/** Requires a valid bearer token on every {@code /api} call and remembers who is calling. */
@Provider
@PreMatching
public class AuthFilter implements ContainerRequestFilter {

    /** Request property holding the {@link Caller}. */
    public static final String CALLER = "petri.caller";

    @Inject
    TokenService tokens;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") && !path.equals("/api")) {
            return;
        }
        String header = request.getHeaderString("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim()
                : request.getUriInfo().getQueryParameters().getFirst("access_token");
        Optional<Caller> caller = tokens.authenticate(token);
        if (caller.isEmpty()) {
            String detail = token == null ? "send Authorization: Bearer <token>" : "the token is not valid";
            request.abortWith(Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                    .entity(new Problem(Problem.TYPE_PREFIX + "unauthorized", "Not authenticated", 401, detail, path,
                            null)).build());
            return;
        }
        request.setProperty(CALLER, caller.get());
    }

    /** The caller of a request that passed this filter. */
    public static Caller caller(ContainerRequestContext request) {
        return (Caller) request.getProperty(CALLER);
    }
}
