package io.isthmus.broker.domain.site;

import io.isthmus.broker.domain.reservation.TunnelKind;
import java.util.List;
import java.util.Optional;

/**
 * One segment at one gateway: its VNI, the tunnel kind, the peers' tunnel addresses, and the tenant VLAN on the
 * requester side only.
 */
public record StitchOrder(SegmentName segment, Vni vni, TunnelKind kind, Optional<VlanId> localVlan,
                          List<String> peers) {
    public StitchOrder {
        peers = List.copyOf(peers);
    }
}
