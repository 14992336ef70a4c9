package io.isthmus.broker.domain.reservation;

import static io.isthmus.broker.domain.reservation.ProvisionState.Provisioned;
import static io.isthmus.broker.domain.reservation.ProvisionState.Provisioning;
import static io.isthmus.broker.domain.reservation.ProvisionState.Released;
import static io.isthmus.broker.domain.reservation.ProvisionState.Releasing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.isthmus.broker.testsupport.ViBuilder;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProvisionStateTransitionsTest {
    private static final ExpectedTransitions<ProvisionState> NSI = new ExpectedTransitions<>(
            ProvisionState.class, Released,
            "Released->Provisioning",
            "Provisioning->Provisioned", "Provisioning->Released", "Provisioning->Releasing",
            "Provisioned->Releasing",
            "Releasing->Released", "Releasing->Provisioned");
    private static final Instant LATER = ViBuilder.NOW.plusSeconds(60);

    static Stream<Arguments> pairs() {
        return NSI.allPairs();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void provisioningMovesExactlyAlongTheNsiTable(ProvisionState from, ProvisionState to) {
        NSI.assertMove(from, to, ProvisionState::canMoveTo, Reservation::moveTo, Reservation::provisionState);
    }

    @Test
    void aReservationProvisionsAndReleasesAroundTheLoop() {
        Reservation r = ExpectedTransitions.freshReservation();
        Stream.of(Provisioning, Provisioned, Releasing, Released).forEach(s -> r.moveTo(s, LATER));
        assertEquals(Released, r.provisionState());
    }

    @Test
    void provisionedCannotBeReachedWithoutProvisioning() {
        Reservation r = ExpectedTransitions.freshReservation();
        var e = assertThrows(IllegalTransitionException.class, () -> r.moveTo(Provisioned, LATER));
        assertEquals("reservation " + r.id() + " is Released and cannot become Provisioned", e.getMessage());
    }
}
