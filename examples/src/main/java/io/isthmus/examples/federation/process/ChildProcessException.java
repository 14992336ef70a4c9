package io.isthmus.examples.federation.process;

/** A child process of the federation could not start, did not become ready, or died; names it and its log. */
public class ChildProcessException extends RuntimeException {

    public ChildProcessException(String message) {
        super(message);
    }

    public ChildProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
