package io.isthmus.rms.domain.reservation;

import io.isthmus.rms.domain.site.SiteException;

/** The booking database could not be read or written; nothing was changed by the failed call. */
public final class BookingStoreException extends SiteException {

    public BookingStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
