package io.isthmus.gateway.domain.shared;

/**
 * The gateway cannot do this here and now: a tunnel kind the kernel lacks, a missing privilege, a missing device.
 * The message names the cause and the remedy.
 */
public class UnavailableException extends GatewayException {

    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
