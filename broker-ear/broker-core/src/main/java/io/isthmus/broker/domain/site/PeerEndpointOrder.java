package io.isthmus.broker.domain.site;

import java.util.OptionalInt;

/**
 * A peer's side of one openvpn stitch as the broker relays it to a gateway: accept {@code fingerprint} from
 * {@code peer} on {@code segment}, and connect to {@code port} when the peer is the pair's listener.
 */
public record PeerEndpointOrder(SegmentName segment, String peer, String fingerprint, OptionalInt port) {
}
