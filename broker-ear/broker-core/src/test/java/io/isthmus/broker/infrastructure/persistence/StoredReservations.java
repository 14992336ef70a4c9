package io.isthmus.broker.infrastructure.persistence;

import io.isthmus.broker.domain.reservation.LifecycleState;
import io.isthmus.broker.domain.reservation.ProvisionState;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.broker.domain.reservation.ReservationState;
import io.isthmus.broker.testsupport.ViBuilder;
import java.time.Instant;
import java.util.UUID;

/** Reservations driven by legal moves into the states the repository queries look for. */
final class StoredReservations {
    static final Instant T0 = ViBuilder.NOW;

    private StoredReservations() {
    }

    static Reservation of(String requester, String correlation, Instant start, Instant end) {
        return new Reservation(ReservationId.random(), requester, correlation,
                ViBuilder.valid().window(start, end).build(), T0);
    }

    static Reservation windowed(Instant start, Instant end) {
        return of("requester-1", UUID.randomUUID().toString(), start, end);
    }

    static Reservation held(Reservation r, Instant holdExpires) {
        r.moveTo(ReservationState.ReserveChecking, T0);
        r.moveTo(ReservationState.ReserveHeld, T0);
        r.beginHold("tx-" + r.id().shortForm(), holdExpires);
        return r;
    }

    static Reservation committed(Reservation r) {
        held(r, T0.plusSeconds(60));
        r.moveTo(ReservationState.ReserveCommitting, T0);
        r.markCommitted(T0);
        return r;
    }

    static Reservation provisioned(Reservation r) {
        r.moveTo(ProvisionState.Provisioning, T0);
        r.moveTo(ProvisionState.Provisioned, T0);
        return r;
    }

    static Reservation terminated(Reservation r) {
        r.moveTo(LifecycleState.Terminating, T0);
        r.moveTo(LifecycleState.Terminated, T0);
        return r;
    }
}
