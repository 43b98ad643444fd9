package dev.petri.common;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A JSON body of the wrong shape ({@code []}, {@code "demo"}, a number where an object belongs) as a
 * problem like any other bad body: Quarkus REST has its own mapper for this exception, which answers
 * 400 with no body and would win over {@link ProblemMapper}'s {@code Throwable}.
 */
@Provider
public class MismatchedInputProblemMapper implements ExceptionMapper<MismatchedInputException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(MismatchedInputException error) {
        Problem problem = ProblemMapper.toProblem(error, uriInfo == null ? null : "/" + uriInfo.getPath().replaceFirst("^/", ""));
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
