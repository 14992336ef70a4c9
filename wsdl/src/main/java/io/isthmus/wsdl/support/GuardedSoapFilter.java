package io.isthmus.wsdl.support;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.isthmus.schema.v1.FaultCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.logging.Logger;

/**
 * The {@link RequestGuard} in front of a SOAP endpoint published on the JDK HTTP server (site RMS, gateway): a
 * POST's body is read up to the limit and checked before Metro sees it; a refused one is answered with a SOAP Client
 * fault carrying {@code serviceFault} with code VALIDATION, with HTTP status 413 for a body over the limit (and the
 * connection closed, so the rest of it is never read) or 500 as SOAP 1.1 wants for a fault.
 */
public final class GuardedSoapFilter extends Filter {

    private static final Logger LOG = Logger.getLogger(GuardedSoapFilter.class.getName());

    private final RequestGuard guard;
    private final String service;

    /** @param service the service's name for the log, e.g. "gateway gw-a" */
    public GuardedSoapFilter(RequestGuard guard, String service) {
        this.guard = guard;
        this.service = service;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
            chain.doFilter(exchange);
            return;
        }
        byte[] body;
        try {
            body = guard.read(exchange.getRequestBody(),
                    RequestGuard.declaredLength(exchange.getRequestHeaders().getFirst("Content-Length")));
            if (RequestGuard.isXml(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                RequestGuard.checkXml(body);
            }
        } catch (RequestRefusedException e) {
            refuse(exchange, e);
            return;
        }
        exchange.setStreams(new ByteArrayInputStream(body), null);
        chain.doFilter(exchange);
    }

    private void refuse(HttpExchange exchange, RequestRefusedException e) throws IOException {
        LOG.info(() -> service + ": refused a request from " + exchange.getRemoteAddress() + " before parsing it: "
                + e.getMessage());
        byte[] fault = SoapFaultMessages.clientFaultEnvelope(FaultCode.VALIDATION, e.getMessage());
        exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
        if (e.status() == 413) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.sendResponseHeaders(e.status() == 413 ? 413 : 500, fault.length);
        OutputStream out = exchange.getResponseBody();
        out.write(fault);
        out.flush();   // before close: closing gives up on the unread body and may drop the connection
        exchange.close();
    }

    @Override
    public String description() {
        return "refuses request bodies over " + guard.maxBytes() + " bytes and XML with a DTD or entity reference";
    }
}
