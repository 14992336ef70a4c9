package io.isthmus.rms.domain.reservation;

/**
 * Where a reservation stands at this site. HELD, COMMITTED, PROVISIONED and RELEASED are stored and
 * book capacity; NONE, ABORTED and TERMINATED are only reported: nothing is held any more.
 */
public enum BookingState {
    NONE,
    HELD,
    COMMITTED,
    PROVISIONED,
    RELEASED,
    ABORTED,
    TERMINATED;

    /** True for the states a stored booking can be in. */
    public boolean isStored() {
        return this == HELD || this == COMMITTED || this == PROVISIONED || this == RELEASED;
    }
}
