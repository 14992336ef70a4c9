package io.isthmus.gateway.bench;

import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.tunnel.OpenVpnOffer;
import io.isthmus.gateway.domain.tunnel.PeerEndpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * The broker's part of an openvpn stitch between the two gateways of a {@link GatewayPair}: each gateway's offer
 * (fingerprint, and its port where it listens) relayed to the other, one endpoint per segment.
 */
final class BrokerRelay {

    private BrokerRelay() {
    }

    /** What the broker sends gateway {@code to} at stitch: the other gateway's offers for the booking's segments. */
    static List<PeerEndpoint> endpointsFor(int to, Booking other) {
        Ipv4Address me = new Ipv4Address(GatewayPair.ADDRESSES.get(to));
        Ipv4Address peer = new Ipv4Address(GatewayPair.ADDRESSES.get(1 - to));
        List<PeerEndpoint> endpoints = new ArrayList<>();
        for (StitchSpec spec : other.openVpnSpecs()) {
            OpenVpnOffer offer = other.offerFor(spec.vni()).orElseThrow(() -> new IllegalStateException(
                    "gateway " + peer + " made no openvpn offer for VNI " + spec.vni() + " at prepare"));
            endpoints.add(new PeerEndpoint(spec.segment(), peer, offer.fingerprint(), offer.portFor(me)));
        }
        return endpoints;
    }
}
