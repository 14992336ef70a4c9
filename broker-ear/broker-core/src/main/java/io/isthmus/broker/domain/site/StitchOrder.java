package io.isthmus.broker.domain.site;

import java.util.List;

/** One segment at one gateway: VNI, tunnel kind, peers, and the tenant VLAN on the requester side (or null). */
public record StitchOrder(String segment, int vni, String kind, Integer localVlan, List<String> peers) {
    public StitchOrder {
        peers = List.copyOf(peers);
    }
}
