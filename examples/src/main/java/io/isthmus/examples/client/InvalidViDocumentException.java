package io.isthmus.examples.client;

/** A VI document that is missing or does not follow the contract schema; the message says where. */
public class InvalidViDocumentException extends RuntimeException {

    public InvalidViDocumentException(String message) {
        super(message);
    }

    public InvalidViDocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
