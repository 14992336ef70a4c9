package io.isthmus.rms.domain.site;

/**
 * Base of every failure the site reports to its caller. Each subclass stands for one kind of
 * failure (invalid request, no capacity, unknown reservation, conflict, hypervisor or storage
 * unavailable); the message says what went wrong and what to do about it.
 */
public abstract class SiteException extends RuntimeException {

    protected SiteException(String message) {
        super(message);
    }

    protected SiteException(String message, Throwable cause) {
        super(message, cause);
    }
}
