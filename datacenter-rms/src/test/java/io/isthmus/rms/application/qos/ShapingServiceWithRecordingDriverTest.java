package io.isthmus.rms.application.qos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.application.reservation.NodeNetwork;
import io.isthmus.rms.domain.qos.Allocation;
import io.isthmus.rms.domain.qos.Bandwidth;
import io.isthmus.rms.domain.qos.HostLink;
import io.isthmus.rms.domain.qos.QosContract;
import io.isthmus.rms.domain.qos.QosException;
import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.reservation.Booking;
import io.isthmus.rms.domain.reservation.BookingState;
import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.reservation.NicQos;
import io.isthmus.rms.domain.reservation.NicSpec;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.NodeSpec;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.TimeWindow;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.segment.HostUnderlay;
import io.isthmus.rms.domain.segment.Ipv4Address;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.segment.SiteUnderlay;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import io.isthmus.rms.infrastructure.dataplane.EmulatedNodeNetwork;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Unit test of the wiring between the lifecycle hooks (provision = shape, release/terminate/failed provision =
 * unshape, restart = restore) and the real rebalancer and allocator. The QoS driver is a recording double, so the
 * test runs without root; the ports are named by the emulated data plane, which needs no commands for that. What
 * tc makes of it is checked on real ports by {@code EmulatedQosComponentTest}.
 */
class ShapingServiceWithRecordingDriverTest {

    private static final HostName A1 = new HostName("a1");

    private final RecordingQosDriver driver = new RecordingQosDriver();
    private final ScriptedDemandSampler sampler = new ScriptedDemandSampler();
    private final BandwidthRebalancer a1 = new BandwidthRebalancer(HostLink.of(Bandwidth.ofMbps(100)), sampler, driver);
    private final NodeNetwork dataPlane = new EmulatedNodeNetwork(new SiteUnderlay(new Ipv4Address("198.51.100.1"),
            List.of(new HostUnderlay(A1, new NamespaceName("isth-site-a-a1"), new Ipv4Address("198.51.100.11")))),
            CommandRunner.withDefaultTimeout());
    private final ShapingService shaping = new ShapingService(Map.of(A1, a1), dataPlane);
    private final ReservationId reservation = new ReservationId(UUID.randomUUID().toString());

    private static NicSpec nic(int lastOctet, Optional<NicQos> qos) {
        return new NicSpec("lan", new Vni(9), new MacAddress("52:54:00:00:00:" + String.format("%02x", lastOctet)),
                Optional.empty(), 24, qos);
    }

    private static Optional<NicQos> qos(int priority, int min, Integer max) {
        return Optional.of(new NicQos(priority, min, max == null ? OptionalInt.empty() : OptionalInt.of(max),
                OptionalInt.empty()));
    }

    private static PlacedNode node(String name, NicSpec... nics) {
        return new PlacedNode(new NodeSpec(new NodeName(name), 1, 1024, 10, new ImageRef("debian-12"), false,
                Optional.empty(), List.of(nics)), A1);
    }

    private VifId port(PlacedNode node, int nic) {
        return dataPlane.hostPort(reservation, node, nic).orElseThrow();
    }

    @Test
    void provisionShapesOnlyTheNicsWithAContractAndDoesSoAtOnce() {
        PlacedNode vm = node("vm-1", nic(1, qos(0, 10, 50)), nic(2, Optional.empty()));

        shaping.shape(reservation, vm);

        Allocation shaped = driver.shaped.get(port(vm, 0));
        assertEquals(Bandwidth.ofMbps(50), shaped.ceil(), "capped at its maximum before any period ran");
        assertEquals(Bandwidth.ofMbps(10), shaped.rate(), "its minimum is reserved while it is idle");
        assertFalse(driver.shaped.containsKey(port(vm, 1)), "a NIC without contract is not shaped");
        QosContract contract = shaping.contracts(A1).get(0);
        assertEquals(List.of(port(vm, 0)), shaping.contracts(A1).stream().map(QosContract::id).toList());
        assertEquals(7, contract.priority().level(), "contract priority 0 is the allocator's most important class");
        assertEquals(0, sampler.samples(), "admitting does not wait for a sample");
    }

    @Test
    void admittingASecondNicReDividesTheLinkForTheFirstAtOnce() {
        PlacedNode best = node("vm-1", nic(1, qos(0, 0, null)));
        PlacedNode guaranteed = node("vm-2", nic(2, qos(7, 40, null)));
        shaping.shape(reservation, best);
        assertEquals(Bandwidth.ofMbps(100), driver.shaped.get(port(best, 0)).ceil(), "alone it may use the link");

        shaping.shape(reservation, guaranteed);

        assertEquals(Bandwidth.ofMbps(60), driver.shaped.get(port(best, 0)).ceil(), "40 Mbit/s are guaranteed away");
        assertEquals(Bandwidth.ofMbps(40), driver.shaped.get(port(guaranteed, 0)).rate());
    }

    @Test
    void releaseWithdrawsTheContractAndRemovesTheShapingAtOnce() {
        PlacedNode vm = node("vm-1", nic(1, qos(3, 0, 50)), nic(2, Optional.empty()));
        shaping.shape(reservation, vm);

        shaping.unshape(reservation, vm);

        assertEquals(List.of(), shaping.contracts(A1));
        assertEquals(Map.of(), driver.shaped);
        assertEquals("remove " + port(vm, 0), driver.calls.get(driver.calls.size() - 1));
        driver.calls.clear();
        a1.tick();
        assertEquals(List.of(), driver.calls, "the next period has nothing left to do for it");
    }

    @Test
    void aPortThatCannotBeShapedFailsTheProvisionAndLeavesNothingOfThatNodeShaped() {
        PlacedNode vm = node("vm-1", nic(1, qos(3, 0, 50)), nic(2, qos(3, 0, 20)));
        driver.refuse(port(vm, 1).value());

        QosException failed = assertThrows(QosException.class, () -> shaping.shape(reservation, vm));

        assertTrue(failed.getMessage().startsWith("could not shape the NICs of node vm-1 of reservation "
                + reservation + " on host a1: port " + port(vm, 1)), failed.getMessage());
        assertEquals(List.of(), shaping.contracts(A1));
        assertEquals(Map.of(), driver.shaped, "the NIC shaped first is unshaped again");
    }

    @Test
    void aRestartTakesUpTheContractsOfProvisionedBookingsAndShapesThem() {
        PlacedNode vm = node("vm-1", nic(1, qos(1, 5, 50)));
        Booking provisioned = new Booking(reservation, new TransactionId(UUID.randomUUID().toString()), "acme",
                TimeWindow.from(Instant.now()), Optional.empty(), BookingState.PROVISIONED, List.of(vm));

        shaping.restore(List.of(provisioned));

        assertEquals("retainOnly [" + port(vm, 0) + "]", driver.calls.get(0), "leftovers of other ports go first");
        assertEquals(Bandwidth.ofMbps(50), driver.shaped.get(port(vm, 0)).ceil());
        assertEquals(1, shaping.contracts(A1).size());
    }

    @Test
    void aRestartWithNothingProvisionedStillRemovesTheLeftoversOfEveryHost() {
        shaping.restore(List.of());

        assertEquals(List.of("retainOnly []"), driver.calls);
        assertEquals(List.of(), shaping.contracts(A1));
    }

    @Test
    void aSiteWhoseDataPlaneHasNoPortsShapesNothing() {
        ShapingService none = new ShapingService(Map.of(), NodeNetwork.NONE);
        PlacedNode vm = node("vm-1", nic(1, qos(0, 10, 50)));

        none.shape(reservation, vm);
        none.unshape(reservation, vm);

        assertEquals(List.of(), none.contracts(A1));
        assertEquals(List.of(), driver.calls);
    }
}
