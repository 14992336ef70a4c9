package io.isthmus.broker.domain.reservation;

import static io.isthmus.broker.domain.reservation.ReservationState.ReserveAborting;
import static io.isthmus.broker.domain.reservation.ReservationState.ReserveChecking;
import static io.isthmus.broker.domain.reservation.ReservationState.ReserveCommitting;
import static io.isthmus.broker.domain.reservation.ReservationState.ReserveFailed;
import static io.isthmus.broker.domain.reservation.ReservationState.ReserveHeld;
import static io.isthmus.broker.domain.reservation.ReservationState.ReserveStart;
import static io.isthmus.broker.domain.reservation.ReservationState.ReserveTimeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.testsupport.ViBuilder;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReservationStateTransitionsTest {
    private static final ExpectedTransitions<ReservationState> NSI = new ExpectedTransitions<>(
            ReservationState.class, ReserveStart,
            "ReserveStart->ReserveChecking",
            "ReserveChecking->ReserveHeld", "ReserveChecking->ReserveFailed", "ReserveChecking->ReserveAborting",
            "ReserveHeld->ReserveCommitting", "ReserveHeld->ReserveAborting", "ReserveHeld->ReserveTimeout",
            "ReserveCommitting->ReserveStart", "ReserveCommitting->ReserveAborting",
            "ReserveAborting->ReserveStart", "ReserveAborting->ReserveFailed",
            "ReserveFailed->ReserveAborting",
            "ReserveTimeout->ReserveAborting");
    private static final Instant LATER = ViBuilder.NOW.plusSeconds(60);

    static Stream<Arguments> pairs() {
        return NSI.allPairs();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void aReservationMovesExactlyAlongTheNsiTable(ReservationState from, ReservationState to) {
        NSI.assertMove(from, to, ReservationState::canMoveTo, Reservation::moveTo, Reservation::reservationState);
    }

    @Test
    void theNsiHappyPathAndItsBranchesAreWalkable() {
        Reservation committed = ExpectedTransitions.freshReservation();
        Stream.of(ReserveChecking, ReserveHeld, ReserveCommitting, ReserveStart)
                .forEach(s -> committed.moveTo(s, LATER));
        assertEquals(ReserveStart, committed.reservationState());

        Reservation timedOut = ExpectedTransitions.freshReservation();
        Stream.of(ReserveChecking, ReserveHeld, ReserveTimeout).forEach(s -> timedOut.moveTo(s, LATER));
        assertEquals(ReserveTimeout, timedOut.reservationState());

        Reservation aborted = ExpectedTransitions.freshReservation();
        Stream.of(ReserveChecking, ReserveHeld, ReserveAborting, ReserveStart).forEach(s -> aborted.moveTo(s, LATER));
        assertEquals(ReserveStart, aborted.reservationState());
        assertFalse(aborted.committed(), "an aborted reservation is not committed");
    }

    @Test
    void committingStraightFromStartIsRefusedNamingBothStates() {
        Reservation r = ExpectedTransitions.freshReservation();
        var e = assertThrows(IllegalTransitionException.class, () -> r.moveTo(ReserveCommitting, LATER));
        assertEquals("reservation " + r.id() + " is ReserveStart and cannot become ReserveCommitting",
                e.getMessage());
    }

    @Test
    void markCommittedEndsTheHoldAndReturnsToStart() {
        Reservation r = ExpectedTransitions.freshReservation();
        r.moveTo(ReserveChecking, LATER);
        r.moveTo(ReserveHeld, LATER);
        r.beginHold("tx-1", LATER.plusSeconds(120));
        r.moveTo(ReserveCommitting, LATER);
        r.markCommitted(LATER);
        assertEquals(ReserveStart, r.reservationState());
        assertTrue(r.committed());
        assertTrue(r.holdExpires().isEmpty());
        assertThrows(IllegalTransitionException.class, () -> r.moveTo(ReserveFailed, LATER));
    }
}
