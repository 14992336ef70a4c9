package io.isthmus.gateway.domain.tunnel;

import io.isthmus.gateway.domain.shared.Ipv4Address;
import java.util.Objects;

/**
 * One of an openvpn stitch's point-to-point tunnels: TAP {@code tap} towards {@code peer}, whose certificate must
 * have {@code peerFingerprint}. When this gateway's address is the lower one it {@code listens} (TLS server) on UDP
 * {@code port}; otherwise it connects (TLS client) to the peer's {@code port}.
 */
public record OpenVpnLink(InterfaceName tap, Ipv4Address peer, CertFingerprint peerFingerprint, boolean listens,
                          int port) {

    public OpenVpnLink {
        Objects.requireNonNull(tap, "tap");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(peerFingerprint, "peerFingerprint");
        UdpPortRange.requirePort(port);
    }
}
