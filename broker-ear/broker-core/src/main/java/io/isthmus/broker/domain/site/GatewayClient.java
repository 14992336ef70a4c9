package io.isthmus.broker.domain.site;

import io.isthmus.broker.domain.reservation.TimeWindow;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** The broker's driver of a gateway node; idempotent like {@link SiteRmsClient}. */
public interface GatewayClient {
    GatewayInfo status(URI endpoint);

    /** Holds the stitches' VNIs and VLANs over {@code window} until {@code holdExpires}. */
    void prepare(URI endpoint, TxContext tx, TimeWindow window, Instant holdExpires, List<StitchOrder> stitches);

    void commit(URI endpoint, TxContext tx);

    void abort(URI endpoint, TxContext tx);

    /** The openvpn offers the gateway made at prepare for the reservation's stitches (none for other kinds). */
    List<OpenVpnOffer> openVpnOffers(URI endpoint, String reservationId);

    /** Realises the committed stitches; {@code peers} relays the peers' openvpn offers (empty for other kinds). */
    void stitch(URI endpoint, TxContext tx, List<PeerEndpointOrder> peers);

    void unstitch(URI endpoint, TxContext tx);
}
