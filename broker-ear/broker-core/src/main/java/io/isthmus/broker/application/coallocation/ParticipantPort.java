package io.isthmus.broker.application.coallocation;

import io.isthmus.broker.domain.reservation.Participant;
import io.isthmus.broker.domain.site.OpenVpnOffer;
import io.isthmus.broker.domain.site.TxContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One participant of one reservation's co-allocation, whatever it is: the two phases and the data-plane steps the
 * broker drives. A site and a gateway implement it; {@link CoAllocator} treats them alike. Every step is idempotent
 * on the transaction context and raises {@link io.isthmus.broker.domain.reservation.BrokerException} on failure.
 */
public interface ParticipantPort {

    Participant participant();

    /** Sites start their L1 nodes (stage 0) before gateways stitch them (stage 1); teardown goes the other way. */
    int stage();

    /** Phase one: a durable hold until {@code holdExpires}; a site answers node name to host, a gateway nothing. */
    Map<String, String> prepare(TxContext tx, Instant holdExpires);

    /** Phase two. */
    void commit(TxContext tx);

    /** Drops a hold (or a booking whose commit was undone). */
    void abort(TxContext tx);

    /** Brings this participant's part of the data plane up; a gateway takes its peers' openvpn offers. */
    void activate(TxContext tx, Map<String, List<OpenVpnOffer>> offersByTunnelAddress);

    /** Takes this participant's part of the data plane down and keeps the booking. */
    void deactivate(TxContext tx);

    /** Frees everything of a committed reservation here. */
    void terminate(TxContext tx);

    /** For an openvpn reservation, the offers this gateway made at prepare; none for a site. */
    List<OpenVpnOffer> openVpnOffers();
}
