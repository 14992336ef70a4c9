package io.isthmus.rms.domain.qos;

import io.isthmus.rms.domain.site.SiteException;

/** Shaping could not be applied, removed or measured on a port; the message says which and why. */
public final class QosException extends SiteException {

    public QosException(String message) {
        super(message);
    }

    public QosException(String message, Throwable cause) {
        super(message, cause);
    }
}
