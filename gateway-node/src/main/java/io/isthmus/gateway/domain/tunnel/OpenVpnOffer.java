package io.isthmus.gateway.domain.tunnel;

import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.stitch.Vni;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * This gateway's side of one openvpn stitch, made at prepare: the fingerprint of the key and self-signed
 * certificate generated for this stitch alone, and the UDP port it listens on for every peer whose address is
 * higher than its own (the lower address of a pair listens).
 */
public record OpenVpnOffer(Vni vni, CertFingerprint fingerprint, List<PeerPort> listen) {

    public OpenVpnOffer {
        Objects.requireNonNull(vni, "vni");
        Objects.requireNonNull(fingerprint, "fingerprint");
        listen = List.copyOf(listen);
    }

    /** The port this gateway listens on for {@code peer}, if it is the listening side of that pair. */
    public Optional<Integer> portFor(Ipv4Address peer) {
        return listen.stream().filter(p -> p.peer().equals(peer)).map(PeerPort::port).findFirst();
    }

    public List<Integer> ports() {
        return listen.stream().map(PeerPort::port).toList();
    }
}
