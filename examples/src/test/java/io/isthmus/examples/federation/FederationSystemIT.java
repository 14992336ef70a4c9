package io.isthmus.examples.federation;

import static io.isthmus.examples.federation.FederationProbes.gatewayReservations;
import static io.isthmus.examples.federation.FederationProbes.gatewayStitches;
import static io.isthmus.examples.federation.FederationProbes.siteHosts;
import static io.isthmus.examples.federation.FederationProbes.siteReservations;
import static io.isthmus.examples.federation.FederationProbes.siteStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.isthmus.examples.client.IsthmusClient;
import io.isthmus.examples.client.ViDocument;
import io.isthmus.examples.federation.topology.GatewaySlot;
import io.isthmus.examples.federation.topology.EmulatedUnderlay;
import io.isthmus.schema.gateway.v1.StitchState;
import io.isthmus.schema.gateway.v1.StitchStatus;
import io.isthmus.schema.site.v1.DomainState;
import io.isthmus.schema.site.v1.HostCapacity;
import io.isthmus.schema.site.v1.SiteNodeStatus;
import io.isthmus.schema.site.v1.SiteReservationStatus;
import io.isthmus.schema.v1.FaultCode;
import io.isthmus.schema.v1.LifecycleState;
import io.isthmus.schema.v1.NicPlacement;
import io.isthmus.schema.v1.NodePlacement;
import io.isthmus.schema.v1.ProvisionState;
import io.isthmus.schema.v1.ReservationState;
import io.isthmus.schema.v1.ReservationSummary;
import io.isthmus.schema.v1.SegmentAllocation;
import io.isthmus.schema.v1.VirtualInfrastructure;
import io.isthmus.wsdl.broker.ServiceFault;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Starts the emulated federation once and drives it only through SOAP: the broker for actions, the
 * sites' and gateways' status for what really happened. Stitch checks need root (CI runs as root).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationSystemIT {

    private static final int HOLD_SECONDS = 10;
    private static final List<String> SITES = List.of("site-a", "site-b");
    private static final List<String> GATEWAYS = List.of("gw-req", "gw-a", "gw-b");

    private static EmulatedFederation federation;
    private static FederationEndpoints endpoints;
    private static IsthmusClient broker;

    @BeforeAll
    static void startFederation() {
        federation = ItFederations.start("federation-it", 18000, HOLD_SECONDS);
        endpoints = federation.endpoints();
        broker = new IsthmusClient(endpoints.brokerSoap(), "admin@requester-dc");
    }

    @AfterAll
    static void stopFederation() {
        if (federation != null) {
            federation.close();
        }
    }

    @Test
    @Order(1)
    void aReservationBeyondCapacityIsRefusedWithNothingHeldAnywhere() throws Exception {
        Map<String, List<String>> freeBefore = freeCapacity();
        Map<String, Set<String>> heldBefore = reservationsEverywhere();
        VirtualInfrastructure vi = smallVi();
        vi.getNode().get(0).setMemoryMib(200_000);

        ServiceFault refused = assertThrows(ServiceFault.class, () -> broker.reserve(vi));

        assertEquals(FaultCode.CAPACITY, refused.getFaultInfo().getCode(), refused.getFaultInfo().getMessage());
        assertEquals(heldBefore, reservationsEverywhere());
        assertEquals(freeBefore, freeCapacity());
    }

    @Test
    @Order(2)
    void aTwoSiteViRunsNestedCapableDomainsWithTheBrokersMacsAtBothSites() throws Exception {
        ReservationSummary summary = reserveCommitProvision(twoSiteVi());
        try {
            assertEquals(Set.copyOf(SITES), summary.getPlacement().stream().map(NodePlacement::getSite)
                    .collect(Collectors.toSet()), "four 12 GiB nodes cannot fit in one site of two 16 GiB hosts");
            for (String site : SITES) {
                assertDomainsMatchPlacement(site, summary);
            }
            assumeTrue(endpoints.dataPlaneEmulated(), "stitches need root to be realised");
            assertTrue(summary.isDataPlaneActive());
            Set<Integer> vnis = summary.getSegment().stream().map(SegmentAllocation::getVni).collect(Collectors.toSet());
            for (String gateway : GATEWAYS) {
                List<StitchStatus> stitches = gatewayStitches(endpoints.gateway(gateway), summary.getReservationId());
                assertEquals(vnis, stitches.stream().map(s -> s.getSpec().getVni()).collect(Collectors.toSet()),
                        gateway + " stitches every segment");
                stitches.forEach(s -> assertEquals(StitchState.STITCHED, s.getState(), gateway + " " + s.getSpec().getSegment()));
            }
        } finally {
            broker.terminate(summary.getReservationId());
        }
    }

    @Test
    @Order(3)
    void releaseThenTerminateLeavesNoDomainHoldOrStitch() throws Exception {
        ReservationSummary provisioned = reserveCommitProvision(twoSiteVi());
        String id = provisioned.getReservationId();

        ReservationSummary released = broker.release(id);
        ReservationSummary terminated = broker.terminate(id);

        assertEquals(ProvisionState.RELEASED, released.getProvisionState());
        assertEquals(LifecycleState.TERMINATED, terminated.getLifecycleState());
        for (String site : SITES) {
            assertFalse(siteReservations(endpoints.site(site)).contains(id), site + " still holds " + id);
            for (HostCapacity host : siteHosts(endpoints.site(site))) {
                assertEquals(host.getMemoryMib(), host.getFreeMemoryMib(), site + "/" + host.getHost() + " memory freed");
                assertEquals(host.getCores(), host.getFreeCores(), site + "/" + host.getHost() + " cores freed");
            }
        }
        for (String gateway : GATEWAYS) {
            assertFalse(gatewayReservations(endpoints.gateway(gateway)).contains(id), gateway + " still has " + id);
        }
        assumeTrue(endpoints.dataPlaneEmulated(), "tunnel interfaces exist only with root");
        for (GatewaySlot slot : EmulatedUnderlay.gateways()) {
            assertEquals(List.of(), FederationProbes.stitchInterfaces(slot.namespace().value()),
                    "stitch interfaces left in " + slot.namespace());
        }
    }

    @Test
    @Order(4)
    void aHeldReservationNotCommittedTimesOutAndFreesEverything() throws Exception {
        ReservationSummary held = broker.reserve(smallVi());
        String id = held.getReservationId();
        assertEquals(ReservationState.RESERVE_HELD, held.getReservationState());

        ReservationSummary after = awaitReservationState(id, ReservationState.RESERVE_TIMEOUT,
                Duration.ofSeconds(HOLD_SECONDS + 45));

        assertEquals(ReservationState.RESERVE_TIMEOUT, after.getReservationState());
        assertTrue(awaitNowhere(id, Duration.ofSeconds(20)), "a hold of " + id + " outlived its timeout: "
                + reservationsEverywhere());
    }

    @Test
    @Order(5)
    void aFutureWindowStartsItsNodesAtItsStartAndEndsOnItsOwn() throws Exception {
        Instant start = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS); // as the client sends it
        VirtualInfrastructure vi = ViDocument.startingNow(smallVi(), start, Duration.ofSeconds(30));
        String id = broker.reserve(vi).getReservationId();
        broker.reserveCommit(id);
        ReservationSummary waiting = broker.provision(id);
        assertEquals(ProvisionState.PROVISIONED, waiting.getProvisionState(), waiting.getLastError());
        assertFalse(waiting.isDataPlaneActive(), "nothing runs before the window starts");
        String site = waiting.getPlacement().get(0).getSite();
        assertTrue(siteStatus(endpoints.site(site), id).stream().flatMap(r -> r.getNode().stream())
                .noneMatch(n -> n.getDomainState() == DomainState.RUNNING), "no L1 domain runs before the start");

        ReservationSummary started = awaitSummary(id, ReservationSummary::isDataPlaneActive, Duration.ofSeconds(60));
        assertTrue(started.isDataPlaneActive(), "the broker started the window on its own: " + started.getLastError());
        assertFalse(Instant.now().isBefore(start), "started no earlier than the window's start");
        assertDomainsMatchPlacement(site, started);

        ReservationSummary ended = awaitSummary(id, s -> s.getLifecycleState() == LifecycleState.PASSED_END_TIME,
                Duration.ofSeconds(60));
        assertEquals(LifecycleState.PASSED_END_TIME, ended.getLifecycleState(), ended.getLastError());
        assertFalse(ended.isDataPlaneActive());
        assertTrue(awaitNowhere(id, Duration.ofSeconds(20)), "the ended window left " + id + " somewhere: "
                + reservationsEverywhere());
    }

    private static ReservationSummary reserveCommitProvision(VirtualInfrastructure vi) throws Exception {
        ReservationSummary held = broker.reserve(vi);
        assertEquals(ReservationState.RESERVE_HELD, held.getReservationState(), held.getLastError());
        ReservationSummary committed = broker.reserveCommit(held.getReservationId());
        assertTrue(committed.isCommitted());
        assertEquals(ReservationState.RESERVE_START, committed.getReservationState());
        ReservationSummary provisioned = ItFederations.provisionAndWait(broker, held.getReservationId());
        assertEquals(ProvisionState.PROVISIONED, provisioned.getProvisionState(), provisioned.getLastError());
        return provisioned;
    }

    @Test
    @Order(6)
    void interSiteBandwidthIsBookedOnTheLinkCalendarUntilTheReservationEnds() throws Exception {
        ReservationSummary first = broker.reserve(splitVi(600));
        try {
            assertEquals(Set.copyOf(SITES), first.getPlacement().stream().map(NodePlacement::getSite)
                    .collect(Collectors.toSet()));

            ServiceFault refused = assertThrows(ServiceFault.class, () -> broker.reserve(splitVi(600)));

            assertEquals(FaultCode.CAPACITY, refused.getFaultInfo().getCode());
            assertTrue(refused.getFaultInfo().getMessage().contains("site-a↔site-b has 400 Mbit/s free during the"
                    + " window; placing it here needs 600 more"), refused.getFaultInfo().getMessage());
        } finally {
            broker.reserveAbort(first.getReservationId());
        }
        ReservationSummary second = broker.reserve(splitVi(600));
        broker.reserveAbort(second.getReservationId());
        assertEquals(ReservationState.RESERVE_HELD, second.getReservationState(), "the aborted hold freed the link");
    }

    private static void assertDomainsMatchPlacement(String site, ReservationSummary summary) throws Exception {
        Map<String, Set<String>> expectedMacs = summary.getPlacement().stream()
                .filter(p -> p.getSite().equals(site))
                .collect(Collectors.toMap(NodePlacement::getNode,
                        p -> p.getNic().stream().map(NicPlacement::getMac).collect(Collectors.toSet())));
        List<SiteReservationStatus> status = siteStatus(endpoints.site(site), summary.getReservationId());
        assertEquals(1, status.size(), site + " knows the reservation once");
        Map<String, Set<String>> actualMacs = new HashMap<>();
        for (SiteNodeStatus node : status.get(0).getNode()) {
            assertEquals(DomainState.RUNNING, node.getDomainState(), site + " " + node.getNode());
            // a real QEMU guest: qemu64 with svm required under TCG (custom), the host's CPU under KVM
            assertTrue(Set.of("custom", "host-passthrough").contains(node.getCpuMode()), site + " " + node.getNode()
                    + " CPU mode " + node.getCpuMode());
            assertEquals(Boolean.TRUE, node.isNestedVirtualization(), site + " " + node.getNode()
                    + " requires svm or vmx of its CPU");
            actualMacs.put(node.getNode(), Set.copyOf(node.getMac()));
        }
        assertEquals(expectedMacs, actualMacs, site + " runs the broker's nodes with the broker's MACs");
    }

    private static ReservationSummary awaitReservationState(String id, ReservationState wanted, Duration limit)
            throws Exception {
        return awaitSummary(id, s -> s.getReservationState() == wanted, limit);
    }

    /** Polls the broker until the reservation's summary satisfies {@code done} or the limit passes. */
    private static ReservationSummary awaitSummary(String id, Predicate<ReservationSummary> done, Duration limit)
            throws Exception {
        Instant deadline = Instant.now().plus(limit);
        ReservationSummary current = broker.query(id).orElseThrow();
        while (!done.test(current) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            current = broker.query(id).orElseThrow();
        }
        return current;
    }

    private static boolean awaitNowhere(String id, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (reservationsEverywhere().values().stream().anyMatch(ids -> ids.contains(id))) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(500);
        }
        return true;
    }

    private static Map<String, Set<String>> reservationsEverywhere() throws Exception {
        return FederationProbes.reservationsEverywhere(endpoints, SITES, GATEWAYS);
    }

    private static Map<String, List<String>> freeCapacity() throws Exception {
        return FederationProbes.freeCapacity(endpoints, SITES);
    }

    private static VirtualInfrastructure twoSiteVi() {
        return TestVis.twoSite();
    }

    private static VirtualInfrastructure smallVi() {
        return TestVis.small();
    }

    private static VirtualInfrastructure splitVi(int mbps) {
        return TestVis.split(mbps);
    }
}
