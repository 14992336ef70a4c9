package io.isthmus.gateway.domain.stitch;

import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One segment at this gateway: a tunnel of {@code kind} keyed by {@code vni} towards every peer gateway, bridged
 * (on the requester side) with the tenant's {@code localVlan} on the trunk.
 */
public record StitchSpec(SegmentName segment, Vni vni, TunnelKind kind, Optional<VlanId> localVlan,
                         List<Ipv4Address> peers) {

    public StitchSpec {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(vni, "vni");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(localVlan, "localVlan");
        peers = List.copyOf(peers);
        if (peers.isEmpty()) {
            throw new InvalidRequestException("stitch of segment " + segment + " (VNI " + vni
                    + ") names no peer gateway: give at least one peer address");
        }
        if (peers.stream().distinct().count() != peers.size()) {
            throw new InvalidRequestException("stitch of segment " + segment + " (VNI " + vni
                    + ") lists the same peer twice: " + peers);
        }
    }

    /** The peers in numeric address order (the order an openvpn stitch numbers its per-peer TAPs in). */
    public List<Ipv4Address> peersByAddress() {
        return peers.stream().sorted().toList();
    }
}
