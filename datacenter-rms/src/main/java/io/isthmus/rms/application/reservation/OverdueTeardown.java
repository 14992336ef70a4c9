package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.reservation.Booking;
import io.isthmus.rms.domain.reservation.BookingRepository;
import io.isthmus.rms.domain.reservation.Leases;
import io.isthmus.rms.domain.site.SiteException;
import java.time.Clock;
import java.time.Instant;

/**
 * The site does not trust the broker to come back: a committed, provisioned or released booking whose window
 * end plus the teardown grace has passed is torn down here, as terminate would. Run by the reaper.
 */
public final class OverdueTeardown {

    private final BookingRepository bookings;
    private final ReservationLocks locks;
    private final LifecycleService lifecycle;
    private final Leases leases;
    private final Clock clock;

    public OverdueTeardown(BookingRepository bookings, ReservationLocks locks, LifecycleService lifecycle,
            Leases leases, Clock clock) {
        this.bookings = bookings;
        this.locks = locks;
        this.lifecycle = lifecycle;
        this.leases = leases;
        this.clock = clock;
    }

    /**
     * Tears down every overdue booking; returns how many. Each is tried even when an earlier one fails (it
     * stays stored, keeps counting against capacity, and is tried again next run); the failures are thrown
     * together at the end, the first with the others suppressed.
     */
    public int tearDownOverdue() {
        Instant now = clock.instant();
        int tornDown = 0;
        SiteException failure = null;
        for (Booking candidate : bookings.findCommittedEndedBy(leases.overdueIfEndedBy(now))) {
            try {
                tornDown += tearDownIfOverdue(candidate, now) ? 1 : 0;
            } catch (SiteException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return tornDown;
    }

    private boolean tearDownIfOverdue(Booking candidate, Instant now) {
        // read again under the lock: the broker may have terminated or released it meanwhile
        return locks.onReservation(candidate.id(), () -> bookings.find(candidate.id())
                .filter(b -> leases.isOverdue(b, now))
                .map(b -> lifecycle.tearDown(b, "its window ended at " + b.window().end() + " and the broker did"
                        + " not terminate it within the grace of " + leases.teardownGrace()
                        + " (site.teardown.graceSeconds)"))
                .orElse(false));
    }
}
