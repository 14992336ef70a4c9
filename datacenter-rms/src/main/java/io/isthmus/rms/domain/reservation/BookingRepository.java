package io.isthmus.rms.domain.reservation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Durable store of the site's bookings. Every write is atomic: a booking is stored whole or not at all. */
public interface BookingRepository {

    Optional<Booking> find(ReservationId id);

    /** Every stored booking, oldest window first. */
    List<Booking> findAll();

    /**
     * Bookings that may take capacity before {@code end}: their window starts before it and they are not holds
     * expired at {@code now}. Where each one counts is the {@link Leases}' business, not the store's.
     */
    List<Booking> findStartingBefore(Instant end, Instant now);

    /** COMMITTED, PROVISIONED and RELEASED bookings whose window ended at or before {@code end}. */
    List<Booking> findCommittedEndedBy(Instant end);

    /** HELD bookings whose hold expired at or before {@code now}. */
    List<Booking> findExpiredHolds(Instant now);

    void insert(Booking booking);

    /** Stores the new state and hold expiry of an existing booking. */
    void update(Booking booking);

    /** Removes the booking; returns false when there was none. */
    boolean delete(ReservationId id);
}
