package io.isthmus.rms.domain.reservation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A reservation's durable claim on host capacity at this site over its window. A HELD booking
 * lapses at {@code holdExpires} unless committed; a committed booking has no expiry.
 */
public record Booking(ReservationId id, TransactionId transactionId, String tenant, TimeWindow window,
        Optional<Instant> holdExpires, BookingState state, List<PlacedNode> nodes) {

    public Booking {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(holdExpires, "holdExpires");
        if (!state.isStored()) {
            throw new IllegalArgumentException("a stored booking cannot be in state " + state);
        }
        nodes = List.copyOf(nodes);
    }

    /** True when this is a hold that was not committed in time. */
    public boolean isExpiredAt(Instant now) {
        return state == BookingState.HELD && holdExpires.map(e -> !e.isAfter(now)).orElse(false);
    }

    public Booking committed() {
        return new Booking(id, transactionId, tenant, window, Optional.empty(), BookingState.COMMITTED, nodes);
    }

    public Booking withState(BookingState newState) {
        return new Booking(id, transactionId, tenant, window, holdExpires, newState, nodes);
    }
}
