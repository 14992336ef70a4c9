package io.isthmus.rms.domain.site;

/** A request or configuration value is malformed; {@link #field()} names the offending field. */
public final class InvalidRequestException extends SiteException {

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
