package io.isthmus.gateway.domain.stitch;

import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TransactionId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one reservation holds at this gateway: its stitches, the state they share and, while only held, when the
 * hold expires.
 */
public record Booking(ReservationId reservationId, TransactionId transactionId, Instant holdExpires,
                      StitchState state, List<StitchSpec> specs) {

    public Booking {
        Objects.requireNonNull(reservationId, "reservationId");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(holdExpires, "holdExpires");
        Objects.requireNonNull(state, "state");
        specs = List.copyOf(specs);
    }

    /** A fresh hold (phase one). */
    public static Booking held(ReservationId id, TransactionId tx, Instant holdExpires, List<StitchSpec> specs) {
        return new Booking(id, tx, holdExpires, StitchState.HELD, specs);
    }

    public Booking in(StitchState newState, TransactionId tx) {
        return new Booking(reservationId, tx, holdExpires, newState, specs);
    }

    /** Only uncommitted holds expire; committed bookings last until aborted. */
    public boolean expiredAt(Instant now) {
        return state == StitchState.HELD && !now.isBefore(holdExpires);
    }

    public Optional<StitchSpec> specUsingVni(Vni vni) {
        return specs.stream().filter(s -> s.vni().equals(vni)).findFirst();
    }

    public Optional<StitchSpec> specUsingVlan(VlanId vlan) {
        return specs.stream().filter(s -> s.localVlan().filter(vlan::equals).isPresent()).findFirst();
    }
}
