package io.isthmus.broker.interfaces.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers a failure nobody mapped with a 500 problem that names an incident id and nothing else: the exception, which
 * may name internal addresses, files or connection errors, goes to the broker's log under that id.
 */
@Provider
public class UnexpectedProblemMapper implements ExceptionMapper<RuntimeException> {
    private static final Logger LOG = Logger.getLogger(UnexpectedProblemMapper.class.getName());

    @Override
    public Response toResponse(RuntimeException e) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.WARNING, "REST request failed unexpectedly (incident " + incident + ")", e);
        return Response.status(500).type("application/problem+json")
                .entity(Map.of("type", "urn:isthmus:problem:internal", "title", "INTERNAL", "status", 500,
                        "detail", "the broker failed on this request; the operator finds it in the broker's log"
                                + " as incident " + incident, "errors", List.of()))
                .build();
    }
}
