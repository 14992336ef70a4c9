package io.isthmus.gateway.domain.tunnel;

import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.stitch.SegmentName;
import java.util.Objects;
import java.util.Optional;

/**
 * A peer gateway's side of one openvpn stitch, relayed by the broker from the peer's offer: the certificate
 * fingerprint to accept from {@code peer} on {@code segment}, and the port to connect to when that peer listens for
 * this gateway (its address is the lower one).
 */
public record PeerEndpoint(SegmentName segment, Ipv4Address peer, CertFingerprint fingerprint, Optional<Integer> port) {

    public PeerEndpoint {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(port, "port");
        port.ifPresent(UdpPortRange::requirePort);
    }
}
