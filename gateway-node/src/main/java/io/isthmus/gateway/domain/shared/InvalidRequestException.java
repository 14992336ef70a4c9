package io.isthmus.gateway.domain.shared;

/** A request (or a value inside it) that can never succeed as sent; the caller must change it. */
public class InvalidRequestException extends GatewayException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
