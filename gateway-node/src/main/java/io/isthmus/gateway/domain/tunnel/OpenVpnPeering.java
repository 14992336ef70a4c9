package io.isthmus.gateway.domain.tunnel;

import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.Vni;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything an openvpn stitch needs besides its spec: whose key material it uses (reservation and VNI) and one
 * {@link OpenVpnLink} per peer, in the order of the stitch's TAPs ({@code isov<vni>p<k>}, peers by address).
 */
public record OpenVpnPeering(ReservationId reservation, Vni vni, List<OpenVpnLink> links) {

    public OpenVpnPeering {
        Objects.requireNonNull(reservation, "reservation");
        Objects.requireNonNull(vni, "vni");
        links = List.copyOf(links);
    }

    /**
     * Joins this gateway's offer with the endpoints the broker relayed from the peers.
     *
     * @throws InvalidRequestException when a peer has no endpoint, or connects without a port
     */
    public static OpenVpnPeering of(ReservationId reservation, StitchSpec spec, OpenVpnOffer own,
                                    List<PeerEndpoint> endpoints) {
        List<InterfaceName> taps = StitchInterfaces.openVpnTaps(spec);
        List<Ipv4Address> peers = spec.peersByAddress();
        List<OpenVpnLink> links = new ArrayList<>();
        for (int k = 0; k < peers.size(); k++) {
            Ipv4Address peer = peers.get(k);
            PeerEndpoint endpoint = endpoints.stream()
                    .filter(e -> e.segment().equals(spec.segment()) && e.peer().equals(peer)).findFirst()
                    .orElseThrow(() -> new InvalidRequestException("openvpn stitch of segment " + spec.segment()
                            + " has no peer endpoint for peer " + peer + ": relay that peer's offer in stitch"));
            boolean listens = own.portFor(peer).isPresent();
            int port = own.portFor(peer).or(endpoint::port).orElseThrow(() -> new InvalidRequestException(
                    "peer endpoint of " + peer + " on segment " + spec.segment() + " has no port, but that peer"
                            + " listens for this gateway: relay the port from the peer's offer"));
            links.add(new OpenVpnLink(taps.get(k), peer, endpoint.fingerprint(), listens, port));
        }
        return new OpenVpnPeering(reservation, spec.vni(), links);
    }
}
