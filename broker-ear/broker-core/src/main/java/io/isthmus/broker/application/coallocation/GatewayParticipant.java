package io.isthmus.broker.application.coallocation;

import io.isthmus.broker.domain.reservation.Participant;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.site.GatewayClient;
import io.isthmus.broker.domain.site.OpenVpnOffer;
import io.isthmus.broker.domain.site.TxContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A site's or the requester's gateway in one reservation: it holds the VNIs and VLANs and stitches the tunnels. */
final class GatewayParticipant implements ParticipantPort {
    private final Reservation reservation;
    private final Participant participant;
    private final GatewayClient gateways;

    GatewayParticipant(Reservation reservation, Participant participant, GatewayClient gateways) {
        this.reservation = reservation;
        this.participant = participant;
        this.gateways = gateways;
    }

    @Override
    public Participant participant() {
        return participant;
    }

    @Override
    public int stage() {
        return 1;
    }

    @Override
    public Map<String, String> prepare(TxContext tx, Instant holdExpires) {
        gateways.prepare(participant.endpoint(), tx, reservation.window(), holdExpires,
                StitchPlanner.ordersFor(reservation, participant));
        return Map.of();
    }

    @Override
    public void commit(TxContext tx) {
        gateways.commit(participant.endpoint(), tx);
    }

    @Override
    public void abort(TxContext tx) {
        gateways.abort(participant.endpoint(), tx);
    }

    @Override
    public void activate(TxContext tx, Map<String, List<OpenVpnOffer>> offersByTunnelAddress) {
        gateways.stitch(participant.endpoint(), tx, offersByTunnelAddress.isEmpty() ? List.of()
                : StitchPlanner.peerEndpointsFor(reservation, participant, offersByTunnelAddress));
    }

    @Override
    public void deactivate(TxContext tx) {
        gateways.unstitch(participant.endpoint(), tx);
    }

    /** A gateway's abort removes the stitches of a committed booking too, and forgets it. */
    @Override
    public void terminate(TxContext tx) {
        gateways.abort(participant.endpoint(), tx);
    }

    @Override
    public List<OpenVpnOffer> openVpnOffers() {
        return gateways.openVpnOffers(participant.endpoint(), reservation.id().value());
    }
}
