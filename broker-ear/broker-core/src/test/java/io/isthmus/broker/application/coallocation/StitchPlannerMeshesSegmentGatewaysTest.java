package io.isthmus.broker.application.coallocation;

import static io.isthmus.broker.testsupport.ViBuilder.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.domain.reservation.BrokerException;
import io.isthmus.broker.domain.reservation.FaultKind;
import io.isthmus.broker.domain.reservation.NicAssignment;
import io.isthmus.broker.domain.reservation.Participant;
import io.isthmus.broker.domain.reservation.Participant.Role;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.broker.domain.reservation.ReservedNode;
import io.isthmus.broker.domain.reservation.ReservedSegment;
import io.isthmus.broker.domain.reservation.SegmentSpec;
import io.isthmus.broker.domain.site.OpenVpnOffer;
import io.isthmus.broker.domain.site.PeerEndpointOrder;
import io.isthmus.broker.domain.reservation.TunnelKind;
import io.isthmus.broker.domain.site.SegmentName;
import io.isthmus.broker.domain.site.HostName;
import io.isthmus.broker.domain.site.SiteId;
import io.isthmus.broker.domain.site.StitchOrder;
import io.isthmus.broker.domain.site.VlanId;
import io.isthmus.broker.domain.site.Vni;
import io.isthmus.broker.testsupport.ViBuilder;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * mgmt has nodes at site-a and site-b, storage only at site-a, spare at no site: the requester gateway and the
 * gateways of the sites carrying a segment form a full mesh for its VNI.
 */
class StitchPlannerMeshesSegmentGatewaysTest {
    private static final String REQUESTER_TUNNEL = "198.51.100.1";
    private static final String SITE_A_TUNNEL = "198.51.100.2";
    private static final String SITE_B_TUNNEL = "198.51.100.3";
    private static final String FP_REQ = fingerprint("11");
    private static final String FP_REQ_STORAGE = fingerprint("12");
    private static final String FP_A = fingerprint("AA");
    private static final String FP_A_STORAGE = fingerprint("AB");
    private static final String FP_B = fingerprint("BB");

    private final Participant requesterGateway = gateway(Role.REQUESTER_GATEWAY, "gw-req", REQUESTER_TUNNEL, null);
    private final Participant siteAGateway = gateway(Role.SITE_GATEWAY, "gw-a", SITE_A_TUNNEL, "site-a");
    private final Participant siteBGateway = gateway(Role.SITE_GATEWAY, "gw-b", SITE_B_TUNNEL, "site-b");
    private final Reservation reservation = twoSiteReservation();

    @Test
    void theRequesterGatewayBridgesEachCarriedSegmentFromItsVlanToEverySiteCarryingIt() {
        assertEquals(List.of(
                        order("mgmt", 5001, 100, SITE_A_TUNNEL, SITE_B_TUNNEL),
                        order("storage", 5002, 200, SITE_A_TUNNEL)),
                sortedPeers(StitchPlanner.ordersFor(reservation, requesterGateway)));
    }

    @Test
    void aSiteGatewayMeshesWithTheRequesterAndTheOtherSitesWithoutAVlan() {
        assertEquals(List.of(
                        order("mgmt", 5001, null, REQUESTER_TUNNEL, SITE_B_TUNNEL),
                        order("storage", 5002, null, REQUESTER_TUNNEL)),
                sortedPeers(StitchPlanner.ordersFor(reservation, siteAGateway)));
    }

    @Test
    void aSiteGatewayOnlyStitchesTheSegmentsItsSiteCarries() {
        assertEquals(List.of(order("mgmt", 5001, null, REQUESTER_TUNNEL, SITE_A_TUNNEL)),
                sortedPeers(StitchPlanner.ordersFor(reservation, siteBGateway)));
    }

    @Test
    void anOpenVpnPeerEndpointCarriesThePeersFingerprintAndItsPortOnlyWhereThePeerListens() {
        Map<String, List<OpenVpnOffer>> offers = Map.of(
                REQUESTER_TUNNEL, List.of(new OpenVpnOffer("mgmt", FP_REQ, Map.of(SITE_A_TUNNEL, 11940,
                        SITE_B_TUNNEL, 11941)), new OpenVpnOffer("storage", FP_REQ_STORAGE, Map.of(SITE_A_TUNNEL, 11942))),
                SITE_A_TUNNEL, List.of(new OpenVpnOffer("mgmt", FP_A, Map.of(SITE_B_TUNNEL, 11940)),
                        new OpenVpnOffer("storage", FP_A_STORAGE, Map.of())),
                SITE_B_TUNNEL, List.of(new OpenVpnOffer("mgmt", FP_B, Map.of())));

        List<PeerEndpointOrder> forB = StitchPlanner.peerEndpointsFor(reservation, siteBGateway, offers);
        List<PeerEndpointOrder> forRequester = StitchPlanner.peerEndpointsFor(reservation, requesterGateway, offers);

        assertEquals(List.of(endpoint("mgmt", SITE_A_TUNNEL, FP_A, 11940),
                endpoint("mgmt", REQUESTER_TUNNEL, FP_REQ, 11941)), sortedByPeer(forB));
        assertEquals(List.of(endpoint("mgmt", SITE_A_TUNNEL, FP_A, null),
                endpoint("mgmt", SITE_B_TUNNEL, FP_B, null),
                endpoint("storage", SITE_A_TUNNEL, FP_A_STORAGE, null)),
                forRequester.stream().sorted(Comparator.comparing((PeerEndpointOrder o) -> o.segment().value())
                        .thenComparing(PeerEndpointOrder::peer)).toList());
    }

    @Test
    void aPeerWithoutAnOfferForASegmentItCarriesStopsTheStitchWithAnUnavailableFault() {
        Map<String, List<OpenVpnOffer>> offers = Map.of(
                REQUESTER_TUNNEL, List.of(new OpenVpnOffer("mgmt", FP_REQ, Map.of())),
                SITE_A_TUNNEL, List.of());

        BrokerException e = assertThrows(BrokerException.class,
                () -> StitchPlanner.peerEndpointsFor(reservation, siteBGateway, offers));

        assertEquals(FaultKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("198.51.100.2 holds no openvpn offer for segment mgmt"), e.getMessage());
    }

    private static List<PeerEndpointOrder> sortedByPeer(List<PeerEndpointOrder> endpoints) {
        return endpoints.stream().sorted(Comparator.comparing(PeerEndpointOrder::peer).reversed()).toList();
    }

    private Reservation twoSiteReservation() {
        var spec = ViBuilder.valid().addSegment(new SegmentSpec("spare", 300, null)).build();
        Reservation r = new Reservation(ReservationId.random(), "requester-1", "corr-1", spec, ViBuilder.NOW);
        List<ReservedSegment> segments = List.of(new ReservedSegment(spec.segment("mgmt").orElseThrow(), 5001),
                new ReservedSegment(spec.segment("storage").orElseThrow(), 5002),
                new ReservedSegment(spec.segment("spare").orElseThrow(), 5003));
        List<ReservedNode> nodes = List.of(
                new ReservedNode(node("web-1", 1, 512, 1), new SiteId("site-a"), new HostName("a1"),
                        List.of(new NicAssignment("mgmt", "02:49:53:00:00:01", null))),
                new ReservedNode(node("db-1", 1, 512, 1), new SiteId("site-a"), new HostName("a2"),
                        List.of(new NicAssignment("mgmt", "02:49:53:00:00:02", null),
                                new NicAssignment("storage", "02:49:53:00:00:03", null))),
                new ReservedNode(node("app-1", 1, 512, 1), new SiteId("site-b"), new HostName("b1"),
                        List.of(new NicAssignment("mgmt", "02:49:53:00:00:04", null))));
        List<Participant> participants = List.of(
                Participant.site(new SiteId("site-a"), URI.create("http://198.51.100.20:8080/rms")),
                siteAGateway,
                Participant.site(new SiteId("site-b"), URI.create("http://198.51.100.30:8080/rms")),
                siteBGateway,
                requesterGateway);
        r.replacePlacement(nodes, segments, participants);
        return r;
    }

    private static String fingerprint(String pair) {
        return String.join(":", java.util.Collections.nCopies(32, pair));
    }

    private static Participant gateway(Role role, String id, String tunnel, String site) {
        URI endpoint = URI.create("http://" + tunnel + ":8081/gateway");
        return role == Role.REQUESTER_GATEWAY ? Participant.requesterGateway(id, endpoint, tunnel)
                : Participant.siteGateway(id, endpoint, tunnel, new SiteId(site));
    }

    private static StitchOrder order(String segment, int vni, Integer vlan, String... peers) {
        return new StitchOrder(new SegmentName(segment), new Vni(vni), TunnelKind.VXLAN,
                Optional.ofNullable(vlan).map(VlanId::new), List.of(peers));
    }

    private static PeerEndpointOrder endpoint(String segment, String peer, String fingerprint, Integer port) {
        return new PeerEndpointOrder(new SegmentName(segment), peer, fingerprint,
                port == null ? OptionalInt.empty() : OptionalInt.of(port));
    }

    /** Peer order carries no meaning (a mesh), so compare peers sorted. */
    private static List<StitchOrder> sortedPeers(List<StitchOrder> orders) {
        return orders.stream().map(o -> new StitchOrder(o.segment(), o.vni(), o.kind(), o.localVlan(),
                o.peers().stream().sorted().toList())).toList();
    }
}
