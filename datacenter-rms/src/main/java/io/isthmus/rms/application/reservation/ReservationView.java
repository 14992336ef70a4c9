package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.reservation.BookingState;
import io.isthmus.rms.domain.reservation.ReservationId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the site holds or runs for one reservation. */
public record ReservationView(ReservationId reservation, BookingState state, Optional<Instant> holdExpires,
        List<NodeView> nodes) {

    public ReservationView {
        nodes = List.copyOf(nodes);
    }

    /** A reservation with nothing at this site (any more). */
    public static ReservationView empty(ReservationId reservation, BookingState state) {
        return new ReservationView(reservation, state, Optional.empty(), List.of());
    }
}
