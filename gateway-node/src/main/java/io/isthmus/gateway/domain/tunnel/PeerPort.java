package io.isthmus.gateway.domain.tunnel;

import io.isthmus.gateway.domain.shared.Ipv4Address;
import java.util.Objects;

/** The UDP port this gateway listens on for one peer gateway of an openvpn stitch. */
public record PeerPort(Ipv4Address peer, int port) {

    public PeerPort {
        Objects.requireNonNull(peer, "peer");
        UdpPortRange.requirePort(port);
    }
}
