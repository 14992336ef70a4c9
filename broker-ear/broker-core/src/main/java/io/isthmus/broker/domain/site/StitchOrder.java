package io.isthmus.broker.domain.site;

import io.isthmus.broker.domain.reservation.TunnelKind;
import java.util.List;
import java.util.Optional;

/** One segment at one gateway: VNI, tunnel kind, peers, and the tenant VLAN on the requester side only. */
public record StitchOrder(String segment, int vni, TunnelKind kind, Optional<Integer> localVlan, List<String> peers) {
    public StitchOrder {
        peers = List.copyOf(peers);
    }
}
