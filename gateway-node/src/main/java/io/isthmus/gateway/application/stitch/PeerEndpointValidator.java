package io.isthmus.gateway.application.stitch;

import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.tunnel.PeerEndpoint;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the peer endpoints a stitch carries against the booking: exactly one per peer of every openvpn stitch,
 * none for anything else, and a port exactly where that peer listens for this gateway (its address is the lower).
 */
final class PeerEndpointValidator {

    private final GatewayId gateway;
    private final Ipv4Address own;

    PeerEndpointValidator(GatewayId gateway, Ipv4Address own) {
        this.gateway = gateway;
        this.own = own;
    }

    void validate(Booking booking, List<PeerEndpoint> endpoints) {
        Set<String> seen = new HashSet<>();
        for (PeerEndpoint e : endpoints) {
            StitchSpec spec = openVpnSpec(booking, e);
            if (!seen.add(e.segment() + "/" + e.peer())) {
                throw new InvalidRequestException("stitch carries two peer endpoints for peer " + e.peer()
                        + " on segment " + e.segment() + ": send one per segment and peer");
            }
            if (!spec.peers().contains(e.peer())) {
                throw new InvalidRequestException("peer endpoint for " + e.peer() + " on segment " + e.segment()
                        + " names no peer of that stitch at gateway " + gateway + " (its peers: " + spec.peers() + ")");
            }
            boolean peerListens = e.peer().compareTo(own) < 0;
            if (peerListens && e.port().isEmpty()) {
                throw new InvalidRequestException("peer endpoint for " + e.peer() + " on segment " + e.segment()
                        + " has no port, but that peer's address is lower than this gateway's (" + own
                        + "), so it listens: relay the port from its offer");
            }
            if (!peerListens && e.port().isPresent()) {
                throw new InvalidRequestException("peer endpoint for " + e.peer() + " on segment " + e.segment()
                        + " has port " + e.port().get() + ", but that peer's address is higher than this gateway's ("
                        + own + "), so this gateway listens for it: send no port");
            }
        }
        for (StitchSpec spec : booking.openVpnSpecs()) {
            for (Ipv4Address peer : spec.peers()) {
                if (!seen.contains(spec.segment() + "/" + peer)) {
                    throw new InvalidRequestException("openvpn stitch of segment " + spec.segment() + " at gateway "
                            + gateway + " needs a peer endpoint for peer " + peer
                            + ": relay that peer's offer (fingerprint, and its port if it listens) in stitch");
                }
            }
        }
    }

    private StitchSpec openVpnSpec(Booking booking, PeerEndpoint e) {
        Optional<StitchSpec> spec = booking.openVpnSpecs().stream().filter(s -> s.segment().equals(e.segment()))
                .findFirst();
        return spec.orElseThrow(() -> new InvalidRequestException("peer endpoint for segment " + e.segment()
                + " matches no openvpn stitch of reservation " + booking.reservationId() + " at gateway " + gateway
                + ": send peer endpoints only for its openvpn segments"));
    }
}
