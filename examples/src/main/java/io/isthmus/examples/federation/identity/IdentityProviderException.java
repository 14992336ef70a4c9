package io.isthmus.examples.federation.identity;

/** The identity provider could not be unpacked, prepared or started; the message says what to fix. */
public class IdentityProviderException extends RuntimeException {

    public IdentityProviderException(String message) {
        super(message);
    }

    public IdentityProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
