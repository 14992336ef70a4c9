package io.isthmus.broker.domain.reservation;

import static io.isthmus.broker.domain.reservation.LifecycleState.Created;
import static io.isthmus.broker.domain.reservation.LifecycleState.PassedEndTime;
import static io.isthmus.broker.domain.reservation.LifecycleState.Terminated;
import static io.isthmus.broker.domain.reservation.LifecycleState.Terminating;
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
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class LifecycleStateTransitionsTest {
    private static final ExpectedTransitions<LifecycleState> NSI = new ExpectedTransitions<>(
            LifecycleState.class, Created,
            "Created->Terminating", "Created->PassedEndTime", "Created->Failed",
            "Terminating->Terminated",
            "PassedEndTime->Terminating",
            "Failed->Terminating");
    private static final Instant LATER = ViBuilder.NOW.plusSeconds(60);

    static Stream<Arguments> pairs() {
        return NSI.allPairs();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void theLifecycleMovesExactlyAlongTheNsiTable(LifecycleState from, LifecycleState to) {
        NSI.assertMove(from, to, LifecycleState::canMoveTo, Reservation::moveTo, Reservation::lifecycleState);
    }

    @Test
    void aReservationIsTerminatedThroughTerminatingOrAfterItsEndTime() {
        Reservation terminated = ExpectedTransitions.freshReservation();
        Stream.of(Terminating, Terminated).forEach(s -> terminated.moveTo(s, LATER));
        assertEquals(Terminated, terminated.lifecycleState());
        assertFalse(Terminated.isLive());

        Reservation expired = ExpectedTransitions.freshReservation();
        expired.moveTo(PassedEndTime, LATER);
        assertEquals(PassedEndTime, expired.lifecycleState());
        assertFalse(PassedEndTime.isLive());
        assertTrue(Created.isLive());
    }

    @ParameterizedTest
    @EnumSource(LifecycleState.class)
    void nothingLeavesTerminated(LifecycleState target) {
        Reservation r = ExpectedTransitions.freshReservation();
        Stream.of(Terminating, Terminated).forEach(s -> r.moveTo(s, LATER));
        var e = assertThrows(IllegalTransitionException.class, () -> r.moveTo(target, LATER));
        assertEquals("reservation " + r.id() + " is Terminated and cannot become " + target, e.getMessage());
    }
}
