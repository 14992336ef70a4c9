package io.isthmus.gateway.domain.stitch;

import io.isthmus.gateway.domain.shared.ReservationId;
import java.util.List;
import java.util.Optional;

/** Durable store of the reservations' bookings at this gateway. */
public interface BookingRepository {

    Optional<Booking> find(ReservationId id);

    List<Booking> findAll();

    /** Inserts or replaces the booking of its reservation, atomically. */
    void save(Booking booking);

    /** Removes the booking; removing an unknown one does nothing. */
    void delete(ReservationId id);
}
