package io.isthmus.gateway;

import static io.isthmus.gateway.TwoGateways.PROV_ADDRESS;
import static io.isthmus.gateway.TwoGateways.REQ_ADDRESS;
import static io.isthmus.gateway.TwoGateways.newReservation;
import static io.isthmus.gateway.TwoGateways.newTransaction;
import static io.isthmus.gateway.TwoGateways.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.application.stitch.LeaseReaper;
import io.isthmus.gateway.application.stitch.StitchService;
import io.isthmus.gateway.domain.shared.ConflictException;
import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.NotFoundException;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TimeWindow;
import io.isthmus.gateway.domain.shared.TransactionId;
import io.isthmus.gateway.domain.stitch.StitchState;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.testsupport.TestNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a gateway does on its own when the broker never comes back (default leases: holds of at most 600 s, teardown
 * 60 s after a window's end), on two gateways in namespaces with their H2 stores; time moves by the test's clock.
 */
class GatewayLeaseTest {

    private TwoGateways fed;
    private StitchService req;
    private StitchService prov;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        Assumptions.assumeTrue(TestNetwork.isRoot(), "network namespaces need root (CI runs as root)");
        fed = new TwoGateways(dir);
        req = fed.requester.service();
        prov = fed.provider.service();
    }

    @AfterEach
    void tearDown() {
        if (fed != null) {
            fed.close();
        }
    }

    @Test
    void aHoldAskedForAnHourIsCappedAtTenMinutesAndThenReleasedWithoutTheBroker() {
        ReservationId res = newReservation();
        TransactionId tx = newTransaction();
        TimeWindow window = new TimeWindow(fed.clock.instant(), fed.clock.instant().plus(Duration.ofHours(2)));
        assertEquals(fed.clock.instant().plusSeconds(600), prov.prepare(res, tx, window,
                fed.clock.instant().plus(Duration.ofHours(1)), List.of(spec(6101, TunnelKind.VXLAN, null,
                        REQ_ADDRESS))).holdExpires(), "the hold is capped at gateway.hold.maxSeconds (600)");

        fed.clock.advance(Duration.ofSeconds(599));
        reaper(prov).run();
        assertEquals(StitchState.HELD, prov.status(Optional.of(res)).bookings().get(0).state());

        fed.clock.advance(Duration.ofSeconds(1));
        reaper(prov).run();
        assertTrue(prov.status(Optional.of(res)).bookings().isEmpty(), "ten minutes on, the hold is gone");
        NotFoundException late = assertThrows(NotFoundException.class, () -> prov.commit(res, tx));
        assertTrue(late.getMessage().contains("prepare it again"), late.getMessage());
    }

    @Test
    void stitchesPastTheirWindowAndGraceAreTornDownAndDroppedByTheGatewayItself() {
        ReservationId res = newReservation();
        TransactionId tx = newTransaction();
        TimeWindow window = new TimeWindow(fed.clock.instant(), fed.clock.instant().plus(Duration.ofHours(1)));
        req.prepare(res, tx, window, fed.inAMinute(), List.of(spec(6102, TunnelKind.VXLAN, null, PROV_ADDRESS)));
        prov.prepare(res, tx, window, fed.inAMinute(), List.of(spec(6102, TunnelKind.VXLAN, null, REQ_ADDRESS)));
        ReservationId committedOnly = newReservation();
        TransactionId tx2 = newTransaction();
        prov.prepare(committedOnly, tx2, window, fed.inAMinute(), List.of(spec(6103, TunnelKind.VXLAN, null,
                REQ_ADDRESS)));
        for (StitchService gw : List.of(req, prov)) {
            gw.commit(res, tx);
            gw.stitch(res, tx);
        }
        prov.commit(committedOnly, tx2);
        assertEquals(Set.of("isbr6102", "isvx6102"), fed.net.managedLinks(fed.req));

        fed.clock.advance(Duration.ofHours(1).plusSeconds(59));
        reaper(req).run();
        reaper(prov).run();
        assertEquals(Set.of("isbr6102", "isvx6102"), fed.net.managedLinks(fed.req), "still within the grace");
        assertEquals(2, prov.status(Optional.empty()).bookings().size());

        fed.clock.advance(Duration.ofSeconds(1));
        reaper(req).run();
        reaper(prov).run();
        assertEquals(Set.of(), fed.net.managedLinks(fed.req), "the gateway removed the stitch's interfaces");
        assertEquals(Set.of(), fed.net.managedLinks(fed.prov));
        assertTrue(req.status(Optional.empty()).bookings().isEmpty(), "and dropped the booking");
        assertTrue(prov.status(Optional.empty()).bookings().isEmpty(), "a committed booking past its window too");
        assertTrue(req.unstitch(res, tx).isEmpty(), "a late unstitch of the broker is a no-op");
        TimeWindow next = new TimeWindow(fed.clock.instant(), fed.clock.instant().plus(Duration.ofHours(1)));
        assertEquals(StitchState.HELD, req.prepare(newReservation(), newTransaction(), next, fed.inAMinute(),
                List.of(spec(6102, TunnelKind.VXLAN, null, PROV_ADDRESS))).state(), "VNI 6102 is free again");
    }

    @Test
    void theNextReservationOfAVlanStitchesOnlyOnceTheEarlierStitchOnItIsDown() {
        fed.net.veth(fed.req, "acc100", fed.lan, "lan2");
        GatewayParts access = fed.requesterWithAccessPorts("100:acc100");
        try {
            StitchService gw = access.service();
            ReservationId first = newReservation();
            ReservationId second = newReservation();
            TransactionId tx1 = newTransaction();
            TransactionId tx2 = newTransaction();
            TimeWindow early = new TimeWindow(fed.clock.instant(), fed.clock.instant().plus(Duration.ofHours(1)));
            TimeWindow late = new TimeWindow(early.end().plusSeconds(60), early.end().plus(Duration.ofHours(1)));
            gw.prepare(first, tx1, early, fed.inAMinute(), List.of(spec(6104, TunnelKind.VXLAN, 100, PROV_ADDRESS)));
            gw.prepare(second, tx2, late, fed.inAMinute(), List.of(spec(6105, TunnelKind.VXLAN, 100, PROV_ADDRESS)));
            gw.commit(first, tx1);
            gw.commit(second, tx2);
            gw.stitch(first, tx1);

            fed.clock.advance(Duration.ofHours(1).plusSeconds(60));
            ConflictException busy = assertThrows(ConflictException.class, () -> gw.stitch(second, tx2));
            assertTrue(busy.getMessage().contains("VLAN 100") && busy.getMessage().contains("still stitched")
                    && busy.getMessage().contains(first.value()), busy.getMessage());
            assertTrue(link("acc100").contains("master isbr6104"), "the earlier stitch keeps its port meanwhile");

            reaper(gw).run();
            assertEquals(StitchState.STITCHED, gw.stitch(second, tx2).state());
            assertTrue(link("acc100").contains("master isbr6105"), link("acc100"));
            assertEquals(Set.of("isbr6105", "isvx6105"), fed.net.managedLinks(fed.req));
        } finally {
            access.isolation().remove();
        }
    }

    private String link(String name) {
        return fed.net.ip(fed.req, "-o", "link", "show", "dev", name).stdout();
    }

    private static LeaseReaper reaper(StitchService service) {
        return new LeaseReaper(new GatewayId("gw-test"), service);
    }
}
