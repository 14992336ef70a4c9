package io.isthmus.examples.federation;

/** The federation cannot start here; the message says what is missing and the command that fixes it. */
public class FederationException extends RuntimeException {

    public FederationException(String message) {
        super(message);
    }

    public FederationException(String message, Throwable cause) {
        super(message, cause);
    }
}
