package io.isthmus.rms.domain.site;

/** A request or configuration value is malformed; {@link #field()} names the offending field. */
public final class InvalidRequestException extends SiteException {

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The same kind of failure with a cause, e.g. a value's own check put in the context of the request. */
    public InvalidRequestException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
