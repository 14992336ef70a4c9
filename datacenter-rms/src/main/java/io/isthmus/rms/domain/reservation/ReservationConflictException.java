package io.isthmus.rms.domain.reservation;

import io.isthmus.rms.domain.site.SiteException;

/** The request does not fit the reservation's current state at this site (e.g. provision before commit). */
public final class ReservationConflictException extends SiteException {

    public ReservationConflictException(String message) {
        super(message);
    }
}
