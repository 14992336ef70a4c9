package io.isthmus.gateway;

import io.isthmus.gateway.testsupport.TestWindows;
import static io.isthmus.gateway.TwoGateways.PROV_ADDRESS;
import static io.isthmus.gateway.TwoGateways.REQ_ADDRESS;
import static io.isthmus.gateway.TwoGateways.newReservation;
import static io.isthmus.gateway.TwoGateways.newTransaction;
import static io.isthmus.gateway.TwoGateways.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.application.stitch.StitchService;
import io.isthmus.gateway.domain.shared.ConflictException;
import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.NotFoundException;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TransactionId;
import io.isthmus.gateway.domain.stitch.StitchState;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.testsupport.TestNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two-phase bookings at one gateway: holds, conflicts, expiry and idempotent repeats. */
class StitchBookingTest {

    private TwoGateways fed;
    private StitchService provider;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        Assumptions.assumeTrue(TestNetwork.isRoot(), "network namespaces need root (CI runs as root)");
        fed = new TwoGateways(dir);
        provider = fed.provider.service();
    }

    @AfterEach
    void tearDown() {
        if (fed != null) {
            fed.close();
        }
    }

    @Test
    void aVniHeldByOneReservationIsRefusedToAnotherNamingTheHolder() {
        ReservationId first = newReservation();
        provider.prepare(first, newTransaction(), TestWindows.LONG, fed.inAMinute(), List.of(spec(6001, TunnelKind.VXLAN, null, REQ_ADDRESS)));
        ConflictException e = assertThrows(ConflictException.class, () -> provider.prepare(newReservation(),
                newTransaction(), TestWindows.LONG, fed.inAMinute(), List.of(spec(6001, TunnelKind.VXLAN, null, REQ_ADDRESS))));
        assertTrue(e.getMessage().contains("VNI 6001"), e.getMessage());
        assertTrue(e.getMessage().contains("reservation " + first), e.getMessage());
    }

    @Test
    void anUncommittedHoldExpiresAndFreesItsVni() {
        ReservationId first = newReservation();
        provider.prepare(first, newTransaction(), TestWindows.LONG, fed.clock.instant().plusSeconds(30),
                List.of(spec(6002, TunnelKind.VXLAN, null, REQ_ADDRESS)));
        fed.clock.advance(Duration.ofSeconds(31));
        assertEquals(1, provider.reapExpiredHolds());
        ReservationId second = newReservation();
        assertEquals(StitchState.HELD, provider.prepare(second, newTransaction(), TestWindows.LONG, fed.inAMinute(),
                List.of(spec(6002, TunnelKind.VXLAN, null, REQ_ADDRESS))).state());
        NotFoundException e = assertThrows(NotFoundException.class, () -> provider.commit(first, newTransaction()));
        assertTrue(e.getMessage().contains("prepare it again"), e.getMessage());
    }

    @Test
    void aCommittedBookingDoesNotExpire() {
        ReservationId res = newReservation();
        TransactionId tx = newTransaction();
        provider.prepare(res, tx, TestWindows.LONG, fed.clock.instant().plusSeconds(30), List.of(spec(6003, TunnelKind.VXLAN, null, REQ_ADDRESS)));
        provider.commit(res, tx);
        fed.clock.advance(Duration.ofHours(1));
        assertEquals(0, provider.reapExpiredHolds());
        assertEquals(StitchState.COMMITTED, provider.status(Optional.of(res)).bookings().get(0).state());
    }

    @Test
    void repeatsHaveTheEffectOfOneCall() {
        ReservationId res = newReservation();
        TransactionId tx = newTransaction();
        var specs = List.of(spec(6004, TunnelKind.VXLAN, null, REQ_ADDRESS));
        assertEquals(provider.prepare(res, tx, TestWindows.LONG, fed.inAMinute(), specs), provider.prepare(res, tx, TestWindows.LONG, fed.inAMinute(), specs));
        assertEquals(provider.commit(res, tx), provider.commit(res, tx));
        provider.abort(res, tx);
        provider.abort(res, tx);
        assertTrue(provider.status(Optional.empty()).bookings().isEmpty());
        assertTrue(provider.abort(newReservation(), tx).isEmpty(), "aborting the unknown is a no-op");
        assertTrue(provider.unstitch(newReservation(), tx).isEmpty(), "unstitching the unknown is a no-op");
    }

    @Test
    void stitchingNeedsACommit() {
        ReservationId res = newReservation();
        TransactionId tx = newTransaction();
        provider.prepare(res, tx, TestWindows.LONG, fed.inAMinute(), List.of(spec(6005, TunnelKind.VXLAN, null, REQ_ADDRESS)));
        ConflictException e = assertThrows(ConflictException.class, () -> provider.stitch(res, tx));
        assertTrue(e.getMessage().contains("commit it before stitching"), e.getMessage());
        assertThrows(NotFoundException.class, () -> provider.stitch(newReservation(), newTransaction()));
    }

    @Test
    void aVlanWithoutTrunkOrAccessPortIsRefusedNamingBothKeys() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> provider.prepare(
                newReservation(), newTransaction(), TestWindows.LONG, fed.inAMinute(), List.of(spec(6006, TunnelKind.VXLAN, 100, REQ_ADDRESS))));
        assertTrue(e.getMessage().contains("no trunk (gateway.trunk) and no access port for VLAN 100 (gateway.accessPorts"),
                e.getMessage());
        assertTrue(provider.status(Optional.empty()).bookings().isEmpty(), "a refused prepare holds nothing");
    }

    @Test
    void requestsThisGatewayCannotServeAreRefusedAsInvalid() {
        InvalidRequestException self = assertThrows(InvalidRequestException.class, () -> provider.prepare(
                newReservation(), newTransaction(), TestWindows.LONG, fed.inAMinute(), List.of(spec(6007, TunnelKind.VXLAN, null, PROV_ADDRESS))));
        assertTrue(self.getMessage().contains("own tunnel address"), self.getMessage());
        InvalidRequestException past = assertThrows(InvalidRequestException.class, () -> provider.prepare(
                newReservation(), newTransaction(), TestWindows.LONG, fed.clock.instant().minusSeconds(1),
                List.of(spec(6008, TunnelKind.VXLAN, null, REQ_ADDRESS))));
        assertTrue(past.getMessage().contains("not in the future"), past.getMessage());
        assertTrue(provider.status(Optional.empty()).bookings().isEmpty(), "refused requests hold nothing");
    }
}
