package io.isthmus.gateway.application.stitch;

import io.isthmus.gateway.domain.shared.GatewayException;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.tunnel.CertFingerprint;
import io.isthmus.gateway.domain.tunnel.OpenVpnCredentials;
import io.isthmus.gateway.domain.tunnel.OpenVpnOffer;
import io.isthmus.gateway.domain.tunnel.PeerPort;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes this gateway's offers for the openvpn stitches of a prepare: per stitch a fresh key and certificate, and one
 * UDP port from {@code gateway.openvpnPorts} for every peer with a higher address (no two bookings share a port).
 */
final class OpenVpnOffers {

    private final GatewayProfile profile;
    private final OpenVpnCredentials credentials;

    OpenVpnOffers(GatewayProfile profile, OpenVpnCredentials credentials) {
        this.profile = profile;
        this.credentials = credentials;
    }

    /** The offers; when one cannot be made, the key material already made is deleted again. */
    List<OpenVpnOffer> issue(ReservationId id, List<StitchSpec> specs, List<Booking> others) {
        Set<Integer> used = new HashSet<>();
        others.forEach(b -> b.offers().forEach(o -> used.addAll(o.ports())));
        List<OpenVpnOffer> offers = new ArrayList<>();
        try {
            for (StitchSpec spec : specs) {
                if (spec.kind() == TunnelKind.OPENVPN) {
                    List<PeerPort> listen = allocate(spec, used);
                    CertFingerprint fingerprint = credentials.issue(id, spec.vni());
                    offers.add(new OpenVpnOffer(spec.vni(), fingerprint, listen));
                }
            }
        } catch (RuntimeException e) {
            offers.forEach(o -> revokeQuietly(id, o, e));
            throw e;
        }
        return List.copyOf(offers);
    }

    /** Deletes the key material of every openvpn stitch of the booking. */
    void revoke(Booking booking) {
        booking.openVpnSpecs().forEach(spec -> credentials.revoke(booking.reservationId(), spec.vni()));
    }

    private List<PeerPort> allocate(StitchSpec spec, Set<Integer> used) {
        List<Ipv4Address> listenFor = spec.peersByAddress().stream()
                .filter(peer -> profile.tunnelAddress().compareTo(peer) < 0).toList();
        List<Integer> ports = profile.openvpnPorts().lowestFree(listenFor.size(), used).orElseThrow(() ->
                new UnavailableException("gateway " + profile.id() + " has too few free openvpn UDP ports for segment "
                        + spec.segment() + ": it needs " + listenFor.size() + ", and "
                        + used.stream().filter(profile.openvpnPorts()::contains).count() + " of the "
                        + profile.openvpnPorts().size() + " in gateway.openvpnPorts " + profile.openvpnPorts()
                        + " are held; widen gateway.openvpnPorts or release reservations"));
        used.addAll(ports);
        List<PeerPort> listen = new ArrayList<>();
        for (int i = 0; i < listenFor.size(); i++) {
            listen.add(new PeerPort(listenFor.get(i), ports.get(i)));
        }
        return listen;
    }

    private void revokeQuietly(ReservationId id, OpenVpnOffer offer, RuntimeException failure) {
        try {
            credentials.revoke(id, offer.vni());
        } catch (GatewayException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }
}
