package io.isthmus.rms.domain.reservation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What the site grants without trusting the broker to come back: a hold lasts at most {@code maxHold}; a
 * committed booking is torn down by the site once its window end plus {@code teardownGrace} has passed. Until
 * then a booking counts on {@code [window start, window end + grace)}; a booking still stored after that (its
 * teardown failed or has not run yet, so its VMs may still run) counts for every window until it is gone.
 */
public record Leases(Duration maxHold, Duration teardownGrace) {

    public static final Duration DEFAULT_MAX_HOLD = Duration.ofSeconds(600);
    public static final Duration DEFAULT_TEARDOWN_GRACE = Duration.ofSeconds(60);
    public static final Leases DEFAULTS = new Leases(DEFAULT_MAX_HOLD, DEFAULT_TEARDOWN_GRACE);

    public Leases {
        Objects.requireNonNull(maxHold, "maxHold");
        Objects.requireNonNull(teardownGrace, "teardownGrace");
        if (maxHold.isNegative() || maxHold.isZero()) {
            throw new IllegalArgumentException("the longest hold must be positive, not " + maxHold);
        }
        if (teardownGrace.isNegative()) {
            throw new IllegalArgumentException("the teardown grace cannot be negative: " + teardownGrace);
        }
    }

    /** The expiry the site grants for a hold asked to last until {@code requested} (to the millisecond). */
    public Instant holdExpiry(Instant requested, Instant now) {
        Instant longest = now.plus(maxHold).truncatedTo(ChronoUnit.MILLIS);
        return requested.isAfter(longest) ? longest : requested;
    }

    /** When the site tears the booking down by itself if the broker has not terminated it. */
    public Instant teardownDue(Booking booking) {
        Instant end = booking.window().end();
        return end.isAfter(TimeWindow.FOREVER.minus(teardownGrace)) ? TimeWindow.FOREVER : end.plus(teardownGrace);
    }

    /** Committed, provisioned or released, and past its window end plus grace: the site tears it down. */
    public boolean isOverdue(Booking booking, Instant now) {
        return booking.state() != BookingState.HELD && !now.isBefore(teardownDue(booking));
    }

    /** The latest window end of a booking that is overdue at {@code now}. */
    public Instant overdueIfEndedBy(Instant now) {
        return now.minus(teardownGrace);
    }

    /** Where the stored booking takes capacity, seen at {@code now}. */
    public TimeWindow countedWindow(Booking booking, Instant now) {
        Instant due = teardownDue(booking);
        Instant start = booking.window().start();
        return new TimeWindow(start, now.isBefore(due) ? due : TimeWindow.FOREVER);
    }
}
