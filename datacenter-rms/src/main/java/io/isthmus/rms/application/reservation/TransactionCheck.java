package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.reservation.Booking;
import io.isthmus.rms.domain.reservation.ReservationConflictException;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.site.SiteId;

/** A call of another transaction (a stale retry, a mix-up) must not act on a booking, nor read what it runs. */
final class TransactionCheck {

    private TransactionCheck() {
    }

    /** @param action what the caller should do again with the right transaction, e.g. "provision it" */
    static void require(Booking booking, TransactionId transaction, SiteId site, String action) {
        if (!booking.transactionId().equals(transaction)) {
            throw new ReservationConflictException("reservation " + booking.id() + " is " + booking.state()
                    + " at " + site + " by transaction " + booking.transactionId() + ", not " + transaction
                    + "; " + action + " with the transaction that prepared it");
        }
    }
}
