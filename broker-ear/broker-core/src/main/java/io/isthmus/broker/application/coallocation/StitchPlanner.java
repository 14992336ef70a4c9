package io.isthmus.broker.application.coallocation;

import io.isthmus.broker.domain.reservation.NicAssignment;
import io.isthmus.broker.domain.reservation.Participant;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.ReservedNode;
import io.isthmus.broker.domain.reservation.ReservedSegment;
import io.isthmus.broker.domain.site.StitchOrder;
import java.util.ArrayList;
import java.util.List;
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
            Set<String> sites = sitesCarrying(r, segment.name());
            boolean requester = gateway.role() == Participant.Role.REQUESTER_GATEWAY;
            if (sites.isEmpty() || (!requester && !sites.contains(gateway.site()))) {
                continue;
            }
            List<String> peers = new ArrayList<>();
            for (Participant p : r.participants()) {
                boolean meshMember = p.role() == Participant.Role.REQUESTER_GATEWAY
                        || (p.role() == Participant.Role.SITE_GATEWAY && sites.contains(p.site()));
                if (meshMember && !p.participantId().equals(gateway.participantId())) {
                    peers.add(p.tunnelAddress());
                }
            }
            orders.add(new StitchOrder(segment.name(), segment.vni(), r.tunnelKind(),
                    requester ? segment.vlan() : null, peers));
        }
        return orders;
    }

    static Set<String> sitesCarrying(Reservation r, String segment) {
        Set<String> sites = new TreeSet<>();
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
