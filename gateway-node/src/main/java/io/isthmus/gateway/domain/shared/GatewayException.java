package io.isthmus.gateway.domain.shared;

/**
 * Base of the gateway's expected business failures. Each subclass stands for one fault code at the SOAP edge;
 * the message tells the caller what was wrong and what to do.
 */
public abstract class GatewayException extends RuntimeException {

    protected GatewayException(String message) {
        super(message);
    }

    protected GatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
