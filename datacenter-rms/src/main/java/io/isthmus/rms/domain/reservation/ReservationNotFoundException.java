package io.isthmus.rms.domain.reservation;

import io.isthmus.rms.domain.site.SiteException;

/** The site holds nothing for the reservation named in the request. */
public final class ReservationNotFoundException extends SiteException {

    public ReservationNotFoundException(String message) {
        super(message);
    }
}
