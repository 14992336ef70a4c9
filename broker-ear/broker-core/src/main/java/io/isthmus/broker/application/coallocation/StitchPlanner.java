package io.isthmus.broker.application.coallocation;

import io.isthmus.broker.domain.reservation.BrokerException;
import io.isthmus.broker.domain.reservation.FaultKind;
import io.isthmus.broker.domain.reservation.NicAssignment;
import io.isthmus.broker.domain.reservation.Participant;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.ReservedNode;
import io.isthmus.broker.domain.reservation.ReservedSegment;
import io.isthmus.broker.domain.site.OpenVpnOffer;
import io.isthmus.broker.domain.site.PeerEndpointOrder;
import io.isthmus.broker.domain.site.SegmentName;
import io.isthmus.broker.domain.site.SiteId;
import io.isthmus.broker.domain.site.StitchOrder;
import io.isthmus.broker.domain.site.VlanId;
import io.isthmus.broker.domain.site.Vni;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which stitches each gateway makes. Every segment is stretched to the requester; the gateways of the sites that
 * carry a segment and the requester gateway form a full mesh for its VNI (head-end replication), so that L1 nodes
 * at different sites reach each other directly and the requester sees them all on the tenant's VLAN.
 */
public final class StitchPlanner {
    private StitchPlanner() {
    }

    public static List<StitchOrder> ordersFor(Reservation r, Participant gateway) {
        List<StitchOrder> orders = new ArrayList<>();
        for (ReservedSegment segment : r.segments()) {
            Set<SiteId> sites = sitesCarrying(r, segment.name());
            boolean requester = gateway.role() == Participant.Role.REQUESTER_GATEWAY;
            if (sites.isEmpty() || (!requester && !gateway.site().map(sites::contains).orElse(false))) {
                continue;
            }
            List<String> peers = new ArrayList<>();
            for (Participant p : r.participants()) {
                boolean meshMember = p.role() == Participant.Role.REQUESTER_GATEWAY
                        || (p.role() == Participant.Role.SITE_GATEWAY && p.site().map(sites::contains).orElse(false));
                if (meshMember && !p.participantId().equals(gateway.participantId())) {
                    peers.add(p.tunnelAddress().orElseThrow());
                }
            }
            orders.add(new StitchOrder(new SegmentName(segment.name()), new Vni(segment.vni()), r.tunnelKind(),
                    requester ? Optional.of(new VlanId(segment.vlan())) : Optional.empty(), peers));
        }
        return orders;
    }

    /**
     * The peer endpoints the broker relays to {@code gateway} for an openvpn reservation: for every stitch and every
     * peer of it, the peer's fingerprint for that segment and, when the peer listens for this gateway, its port.
     *
     * @param offersByAddress every gateway's offers, by the gateway's tunnel address
     * @throws BrokerException (UNAVAILABLE) when a peer made no offer for a segment it must carry
     */
    public static List<PeerEndpointOrder> peerEndpointsFor(Reservation r, Participant gateway,
                                                           Map<String, List<OpenVpnOffer>> offersByAddress) {
        List<PeerEndpointOrder> endpoints = new ArrayList<>();
        for (StitchOrder order : ordersFor(r, gateway)) {
            for (String peer : order.peers()) {
                OpenVpnOffer offer = offersByAddress.getOrDefault(peer, List.of()).stream()
                        .filter(o -> o.segment().equals(order.segment().value())).findFirst()
                        .orElseThrow(() -> new BrokerException(FaultKind.UNAVAILABLE, "reservation " + r.id()
                                + ": the gateway at " + peer + " holds no openvpn offer for segment "
                                + order.segment() + " (its booking was lost or it does not support openvpn);"
                                + " terminate the reservation and reserve it again"));
                Integer port = offer.listenPorts().get(gateway.tunnelAddress().orElseThrow());
                endpoints.add(new PeerEndpointOrder(order.segment(), peer, offer.fingerprint(),
                        port == null ? OptionalInt.empty() : OptionalInt.of(port)));
            }
        }
        return endpoints;
    }

    static Set<SiteId> sitesCarrying(Reservation r, String segment) {
        Set<SiteId> sites = new TreeSet<>();
        for (ReservedNode node : r.nodes()) {
            for (NicAssignment nic : node.nics()) {
                if (nic.segment().equals(segment)) {
                    sites.add(node.site());
                }
            }
        }
        return sites;
    }
}
