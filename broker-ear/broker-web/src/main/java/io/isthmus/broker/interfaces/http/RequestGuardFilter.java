package io.isthmus.broker.interfaces.http;

import io.isthmus.schema.v1.FaultCode;
import io.isthmus.wsdl.support.RequestGuard;
import io.isthmus.wsdl.support.RequestRefusedException;
import io.isthmus.wsdl.support.SoapFaultMessages;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The {@link RequestGuard} in front of everything the broker serves (SOAP and REST): a request body is read up to
 * {@code isthmus.request.maxBytes} (default 1 MiB) and an XML body is checked for a DTD, entity references and
 * well-formedness, before Metro or JAX-RS parse anything. A refused SOAP request gets a SOAP Client fault with
 * {@code serviceFault} code VALIDATION; a refused REST request an RFC 9457 problem; both with HTTP 413 when the body
 * is over the limit (and the connection closed, so the rest is never read).
 */
@WebFilter(filterName = "isthmus-request-guard", urlPatterns = "/*", asyncSupported = true)
public class RequestGuardFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(RequestGuardFilter.class.getName());
    static final String MAX_BYTES = "isthmus.request.maxBytes";

    private transient RequestGuard guard;

    @Override
    public void init() throws ServletException {
        long maxBytes = ConfigProvider.getConfig().getOptionalValue(MAX_BYTES, Long.class)
                .orElse(RequestGuard.DEFAULT_MAX_BYTES);
        try {
            guard = new RequestGuard(maxBytes);
        } catch (IllegalArgumentException e) {
            throw new ServletException(MAX_BYTES + ": " + e.getMessage(), e);
        }
        LOG.info(() -> "request bodies are limited to " + guard.maxBytes() + " bytes (" + MAX_BYTES + ")");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = guard.read(request.getInputStream(), request.getContentLengthLong());
            if (RequestGuard.isXml(request.getContentType())) {
                RequestGuard.checkXml(body);
            }
        } catch (RequestRefusedException e) {
            refuse(request, response, e);
            return;
        }
        chain.doFilter(new BufferedBody(request, body), response);
    }

    private static boolean hasBody(HttpServletRequest request) {
        String method = request.getMethod();
        return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
                || "DELETE".equals(method) || "TRACE".equals(method));
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, RequestRefusedException e)
            throws IOException {
        LOG.info(() -> "refused a " + request.getMethod() + " to " + request.getRequestURI() + " from "
                + request.getRemoteAddr() + " before parsing it: " + e.getMessage());
        if (e.status() == 413) {
            response.setHeader("Connection", "close");
        }
        byte[] answer;
        if (isRest(request)) {
            response.setStatus(e.status());
            response.setContentType("application/problem+json");
            answer = Json.createObjectBuilder()
                    .add("type", "urn:isthmus:problem:" + (e.status() == 413 ? "too-large" : "validation"))
                    .add("title", e.status() == 413 ? "Content Too Large" : "VALIDATION")
                    .add("status", e.status())
                    .add("detail", e.getMessage())
                    .build().toString().getBytes(StandardCharsets.UTF_8);
        } else {
            response.setStatus(e.status() == 413 ? 413 : 500);
            response.setContentType("text/xml; charset=utf-8");
            answer = SoapFaultMessages.clientFaultEnvelope(FaultCode.VALIDATION, e.getMessage());
        }
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
    }

    private static boolean isRest(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    /** The request with its body already read and checked. */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was read and checked already: read it blocking");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
                    java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
