package io.isthmus.gateway.domain.shared;

/** The request clashes with what another reservation holds, or with the state of this one. */
public class ConflictException extends GatewayException {

    public ConflictException(String message) {
        super(message);
    }
}
