package io.isthmus.rms.domain.reservation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Durable store of the site's bookings. Every write is atomic: a booking is stored whole or not at all. */
public interface BookingRepository {

    Optional<Booking> find(ReservationId id);

    /** Every stored booking, oldest window first. */
    List<Booking> findAll();

    /** Bookings that take capacity at some instant of {@code window}: not expired at {@code now}. */
    List<Booking> findBookedDuring(TimeWindow window, Instant now);

    /** HELD bookings whose hold expired at or before {@code now}. */
    List<Booking> findExpiredHolds(Instant now);

    void insert(Booking booking);

    /** Stores the new state and hold expiry of an existing booking. */
    void update(Booking booking);

    /** Removes the booking; returns false when there was none. */
    boolean delete(ReservationId id);
}
