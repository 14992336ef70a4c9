package io.isthmus.rms.domain.segment;

import io.isthmus.rms.domain.site.SiteException;

/**
 * A segment or VM port could not be created, checked or removed on a host, or the driver cannot run here;
 * the message names the interface, the host namespace and the tool's own output.
 */
public final class SegmentException extends SiteException {

    public SegmentException(String message) {
        super(message);
    }

    public SegmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
