package io.isthmus.broker.interfaces.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;

/**
 * Answers what JAX-RS refuses itself (no such resource, method not allowed, unsupported media type...) with an
 * RFC 9457 problem document instead of the server's HTML page, keeping the status.
 */
@Provider
public class HttpProblemMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        Response.ResponseBuilder answer = Response.status(status).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "title", title, "status", status,
                        "detail", detail(status), "errors", List.of()));
        if (original != null && original.getHeaderString("Allow") != null) {
            answer.header("Allow", original.getHeaderString("Allow"));
        }
        return answer.build();
    }

    private static String detail(int status) {
        return switch (status) {
            case 404 -> "no such resource: the API's resources are /api/v1/reservations and "
                    + "/api/v1/reservations/{id} (a lowercase UUID)";
            case 405 -> "this resource does not take that method (see the Allow header)";
            case 406 -> "this resource answers application/json (and application/problem+json for errors)";
            case 415 -> "this resource does not take a body of that media type";
            default -> "the request was refused (HTTP " + status + ")";
        };
    }
}
