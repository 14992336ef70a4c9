package io.isthmus.examples.federation;

import static io.isthmus.examples.federation.FederationProbes.gatewayStitches;
import static io.isthmus.examples.federation.FederationProbes.siteStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.examples.client.IsthmusClient;
import io.isthmus.schema.gateway.v1.StitchState;
import io.isthmus.schema.gateway.v1.StitchStatus;
import io.isthmus.schema.site.v1.SiteBookingState;
import io.isthmus.schema.site.v1.SiteReservationStatus;
import io.isthmus.schema.v1.LifecycleState;
import io.isthmus.schema.v1.ProvisionState;
import io.isthmus.schema.v1.ReservationState;
import io.isthmus.schema.v1.ReservationSummary;
import io.isthmus.schema.v1.VirtualInfrastructure;
import io.isthmus.wsdl.broker.ServiceFault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The failure system tests' view of an emulated federation: a request of two small nodes pinned to site-a and
 * site-b (five participants: the two sites, their gateways and the requester gateway), and the checks that every
 * participant converges to what the reservation's state implies, read through their own SOAP status. Before each
 * test, {@link #recordBaseline()} notes what is held and free, so a test can check that nothing is left.
 */
final class SplitRequestFederation {
    static final List<String> SITES = List.of("site-a", "site-b");
    /** The gateways of the split request on gw-req. */
    static final List<String> GATEWAYS = List.of("gw-req", "gw-a", "gw-b");
    /** Every gateway of the federation, the second tenant's gw-req2 too. */
    private static final List<String> ALL_GATEWAYS = List.of("gw-req", "gw-a", "gw-b", "gw-req2");
    private static final Duration CONVERGES_WITHIN = Duration.ofSeconds(90);

    private final FederationEndpoints endpoints;
    private final IsthmusClient broker;
    private Map<String, Set<String>> heldBefore;
    private Map<String, List<String>> freeBefore;

    SplitRequestFederation(FederationEndpoints endpoints, String requester) {
        this.endpoints = endpoints;
        this.broker = new IsthmusClient(endpoints.brokerSoap(), requester);
    }

    IsthmusClient broker() {
        return broker;
    }

    FederationEndpoints endpoints() {
        return endpoints;
    }

    void recordBaseline() throws Exception {
        heldBefore = reservationsEverywhere();
        freeBefore = freeCapacity();
    }

    /** The split request on the tenant's VLAN 100 behind gw-req. */
    VirtualInfrastructure vi() {
        return TestVis.split(100);
    }

    /**
     * The same request on another requester gateway and VLAN: a tenant VLAN is booked over time at its gateway, so
     * reservations that overlap need distinct ones. The emulated gateways deliver VLANs 100 and 200 (access ports).
     */
    VirtualInfrastructure vi(String requesterGateway, int vlan) {
        VirtualInfrastructure vi = TestVis.onGateway(vi(), requesterGateway);
        vi.getSegment().get(0).setVlan(vlan);
        return vi;
    }

    /** Ends every reservation of this test's requester that is still live, so a failed test leaves nothing behind. */
    void endEverythingLive() throws Exception {
        for (ReservationSummary s : broker.queryAll()) {
            LifecycleState state = s.getLifecycleState();
            if (state != LifecycleState.TERMINATED && state != LifecycleState.PASSED_END_TIME) {
                try {
                    broker.terminate(s.getReservationId());
                } catch (ServiceFault | RuntimeException e) {
                    System.err.println("could not end " + describe(s) + " after the test: " + e);
                }
            }
        }
    }

    ReservationSummary held() throws Exception {
        ReservationSummary held = broker.reserve(vi());
        assertEquals(ReservationState.RESERVE_HELD, held.getReservationState(), describe(held));
        return held;
    }

    ReservationSummary provisioned() throws Exception {
        String id = held().getReservationId();
        broker.reserveCommit(id);
        ReservationSummary provisioned = ItFederations.provisionAndWait(broker, id);
        assertEquals(ProvisionState.PROVISIONED, provisioned.getProvisionState(), describe(provisioned));
        return provisioned;
    }

    void terminateAndAssertNothingLeft(String id) throws Exception {
        assertEquals(LifecycleState.TERMINATED, broker.terminate(id).getLifecycleState());
        assertNothingLeftOf(id);
    }

    /** No participant holds {@code id}, and each holds and frees what it did before the test. */
    void assertNothingLeftOf(String id) throws Exception {
        Map<String, Set<String>> now = awaitHeld(heldBefore);
        now.forEach((participant, ids) -> assertTrue(!ids.contains(id), participant + " still holds " + id));
        assertEquals(heldBefore, now);
        assertEquals(freeBefore, freeCapacity(), "capacity at the sites is free again");
    }

    /** Nothing more is held anywhere than before the test. */
    void assertHoldingAsBefore() throws Exception {
        assertEquals(heldBefore, awaitHeld(heldBefore), "holds outlived the reservation");
        assertEquals(freeBefore, freeCapacity());
    }

    void assertEverywhere(String id, SiteBookingState siteState, StitchState gatewayState) throws Exception {
        for (String site : SITES) {
            assertEquals(siteState, onlyStatus(site, id).getState(), site);
        }
        for (String gateway : GATEWAYS) {
            List<StitchStatus> stitches = gatewayStitches(endpoints.gateway(gateway), id);
            assertTrue(!stitches.isEmpty(), gateway + " holds the reservation's stitches");
            stitches.forEach(s -> assertEquals(gatewayState, s.getState(), gateway));
        }
    }

    SiteReservationStatus onlyStatus(String site, String id) throws Exception {
        List<SiteReservationStatus> status = siteStatus(endpoints.site(site), id);
        assertEquals(1, status.size(), site + " knows " + id + " once");
        return status.get(0);
    }

    /** The reservation's summary once {@code done} holds, or when the convergence limit has passed. */
    ReservationSummary await(String id, Predicate<ReservationSummary> done) throws Exception {
        Instant deadline = Instant.now().plus(CONVERGES_WITHIN);
        ReservationSummary current = broker.query(id).orElseThrow();
        while (!done.test(current) && Instant.now().isBefore(deadline)) {
            pause();
            current = broker.query(id).orElseThrow();
        }
        return current;
    }

    /** What the participants hold, once it equals {@code expected} or the convergence limit has passed. */
    Map<String, Set<String>> awaitHeld(Map<String, Set<String>> expected) throws Exception {
        Instant deadline = Instant.now().plus(CONVERGES_WITHIN);
        Map<String, Set<String>> current = reservationsEverywhere();
        while (!current.equals(expected) && Instant.now().isBefore(deadline)) {
            pause();
            current = reservationsEverywhere();
        }
        return current;
    }

    Map<String, Set<String>> heldBefore() {
        return heldBefore;
    }

    Map<String, Set<String>> reservationsEverywhere() throws Exception {
        return FederationProbes.reservationsEverywhere(endpoints, SITES, ALL_GATEWAYS);
    }

    Map<String, List<String>> freeCapacity() throws Exception {
        return FederationProbes.freeCapacity(endpoints, SITES);
    }

    static String describe(ReservationSummary s) {
        return s.getReservationId() + " " + s.getReservationState() + "/" + s.getProvisionState() + "/"
                + s.getLifecycleState() + (s.getLastError() == null ? "" : ": " + s.getLastError());
    }

    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
