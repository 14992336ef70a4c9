package io.isthmus.gateway.domain.shared;

/** The gateway knows nothing of what the request refers to (e.g. a hold that expired). */
public class NotFoundException extends GatewayException {

    public NotFoundException(String message) {
        super(message);
    }
}
