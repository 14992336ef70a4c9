package io.isthmus.gateway;

/** A configuration file or value the gateway cannot start with; the message names the key and what to write. */
public class GatewayConfigException extends RuntimeException {

    public GatewayConfigException(String message) {
        super(message);
    }

    public GatewayConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
