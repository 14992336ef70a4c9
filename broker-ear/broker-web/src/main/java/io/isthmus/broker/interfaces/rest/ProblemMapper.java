package io.isthmus.broker.interfaces.rest;

import io.isthmus.broker.domain.reservation.BrokerException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** Answers a domain failure with an RFC 9457 problem document. */
@Provider
public class ProblemMapper implements ExceptionMapper<BrokerException> {
    @Override
    public Response toResponse(BrokerException e) {
        int status = switch (e.kind()) {
            case VALIDATION -> 400;
            case UNAUTHORIZED -> 401;
            case NOT_FOUND -> 404;
            case CONFLICT, CAPACITY -> 409;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
        Map<String, Object> problem = Map.of(
                "type", "urn:isthmus:problem:" + e.kind().name().toLowerCase(),
                "title", e.kind().name(),
                "status", status,
                "detail", e.getMessage(),
                "errors", e.details());
        return Response.status(status).type("application/problem+json").entity(problem).build();
    }
}
