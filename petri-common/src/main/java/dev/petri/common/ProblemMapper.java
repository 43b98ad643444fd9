package dev.petri.common;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns every exception into application/problem+json: the one place status codes are chosen. */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable error) {
        Problem problem = toProblem(error, uriInfo == null ? null : "/" + uriInfo.getPath().replaceFirst("^/", ""));
        Response.ResponseBuilder rb = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (error instanceof RetryableException retry) {
            rb.header("Retry-After", retry.retryAfterSeconds());
        }
        if (problem.status() == 401) {
            rb.header("WWW-Authenticate", "Bearer");
        }
        return rb.build();
    }

    /** The problem that describes an error. */
    public static Problem toProblem(Throwable error, String instance) {
        if (error instanceof PetriException pe) {
            return new Problem(Problem.TYPE_PREFIX + pe.type(), pe.title(), pe.status(), pe.getMessage(), instance,
                    pe.errors());
        }
        if (error instanceof NotAllowedException) {
            return new Problem(Problem.TYPE_PREFIX + "method-not-allowed", "Method not allowed", 405,
                    "this resource does not accept that method", instance, null);
        }
        if (error instanceof NotSupportedException) {
            return new Problem(Problem.TYPE_PREFIX + "unsupported-media-type", "Unsupported media type", 415,
                    "send application/json", instance, null);
        }
        if (error instanceof WebApplicationException wae) {
            int status = wae.getResponse().getStatus();
            if (status == 400 || isJsonError(wae.getCause())) {
                return new Problem(Problem.TYPE_PREFIX + "malformed-body", "The request body is not valid JSON", 400,
                        "the body could not be read as JSON of the expected shape", instance, null);
            }
            String title = status == 404 ? "Not found" : Response.Status.fromStatusCode(status) == null
                    ? "HTTP " + status : Response.Status.fromStatusCode(status).getReasonPhrase();
            return new Problem(Problem.TYPE_PREFIX + "http-" + status, title, status, title, instance, null);
        }
        if (isJsonError(error)) {
            return new Problem(Problem.TYPE_PREFIX + "malformed-body", "The request body is not valid JSON", 400,
                    "the body could not be read as JSON of the expected shape", instance, null);
        }
        LOG.log(Level.SEVERE, "unexpected error on " + instance, error);
        return new Problem(Problem.TYPE_PREFIX + "internal", "Internal error", 500,
                "an unexpected error occurred; it has been logged", instance, null);
    }

    private static boolean isJsonError(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getClass().getName().startsWith("com.fasterxml.jackson")) {
                return true;
            }
        }
        return false;
    }
}
