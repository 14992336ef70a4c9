package io.isthmus.wsdl.support;

/** A request an edge refuses before parsing it: {@link #status()} is the HTTP status to answer with. */
public final class RequestRefusedException extends Exception {

    private final int status;

    public RequestRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** 413 for a body over the limit, 400 for an XML body that is refused. */
    public int status() {
        return status;
    }
}
