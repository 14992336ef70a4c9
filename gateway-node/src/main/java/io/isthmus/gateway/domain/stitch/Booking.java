package io.isthmus.gateway.domain.stitch;

import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TimeWindow;
import io.isthmus.gateway.domain.shared.TransactionId;
import io.isthmus.gateway.domain.tunnel.OpenVpnOffer;
import io.isthmus.gateway.domain.tunnel.OpenVpnPeering;
import io.isthmus.gateway.domain.tunnel.PeerEndpoint;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one reservation holds at this gateway: its stitches, the state they share, the reservation's window (empty
 * for bookings stored before the gateway knew windows: they last until aborted) and, while only held, when the hold
 * expires; for openvpn stitches also this gateway's offers (made at prepare) and the peers' endpoints (given at
 * stitch).
 */
public record Booking(ReservationId reservationId, TransactionId transactionId, Optional<TimeWindow> window,
                      Instant holdExpires,
                      StitchState state, List<StitchSpec> specs, List<OpenVpnOffer> offers,
                      List<PeerEndpoint> peerEndpoints) {

    /** Peer endpoints are kept by segment, then peer address: the order they are given in means nothing. */
    private static final Comparator<PeerEndpoint> ENDPOINT_ORDER = Comparator
            .comparing((PeerEndpoint e) -> e.segment().value()).thenComparing(PeerEndpoint::peer);

    public Booking {
        Objects.requireNonNull(reservationId, "reservationId");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(holdExpires, "holdExpires");
        Objects.requireNonNull(state, "state");
        specs = List.copyOf(specs);
        offers = List.copyOf(offers);
        peerEndpoints = peerEndpoints.stream().sorted(ENDPOINT_ORDER).toList();
    }

    /** A booking without openvpn stitches. */
    public Booking(ReservationId reservationId, TransactionId transactionId, Optional<TimeWindow> window,
                   Instant holdExpires, StitchState state, List<StitchSpec> specs) {
        this(reservationId, transactionId, window, holdExpires, state, specs, List.of(), List.of());
    }

    /** A fresh hold (phase one) over {@code window}. */
    public static Booking held(ReservationId id, TransactionId tx, TimeWindow window, Instant holdExpires,
                               List<StitchSpec> specs) {
        return new Booking(id, tx, Optional.of(window), holdExpires, StitchState.HELD, specs);
    }

    public Booking in(StitchState newState, TransactionId tx) {
        return new Booking(reservationId, tx, window, holdExpires, newState, specs, offers, peerEndpoints);
    }

    public Booking withOffers(List<OpenVpnOffer> newOffers) {
        return new Booking(reservationId, transactionId, window, holdExpires, state, specs, newOffers, peerEndpoints);
    }

    public Booking withPeerEndpoints(List<PeerEndpoint> endpoints) {
        return new Booking(reservationId, transactionId, window, holdExpires, state, specs, offers, endpoints);
    }

    /** Only uncommitted holds expire; committed bookings last until aborted or past their window. */
    public boolean expiredAt(Instant now) {
        return state == StitchState.HELD && !now.isBefore(holdExpires);
    }

    /**
     * Whether a committed (or stitched) booking's window ended more than {@code grace} before {@code now}; holds and
     * bookings without a window never are.
     */
    public boolean pastWindowAt(Instant now, Duration grace) {
        return state != StitchState.HELD && window.filter(w -> !now.isBefore(w.releasedAt(grace))).isPresent();
    }

    /**
     * Whether this booking's window meets {@code other}, both extended at the end by {@code grace}; a booking
     * without a window always does.
     */
    public boolean overlaps(TimeWindow other, Duration grace) {
        return window.map(w -> w.overlaps(other, grace)).orElse(true);
    }

    public Optional<StitchSpec> specUsingVni(Vni vni) {
        return specs.stream().filter(s -> s.vni().equals(vni)).findFirst();
    }

    public Optional<StitchSpec> specUsingVlan(VlanId vlan) {
        return specs.stream().filter(s -> s.localVlan().filter(vlan::equals).isPresent()).findFirst();
    }

    public List<StitchSpec> openVpnSpecs() {
        return specs.stream().filter(s -> s.kind() == TunnelKind.OPENVPN).toList();
    }

    /** This gateway's offer for the openvpn stitch of {@code vni}. */
    public Optional<OpenVpnOffer> offerFor(Vni vni) {
        return offers.stream().filter(o -> o.vni().equals(vni)).findFirst();
    }

    /** What realising {@code spec} needs besides the spec: empty for vxlan/gretap, offer and endpoints for openvpn. */
    public Optional<OpenVpnPeering> peeringOf(StitchSpec spec) {
        if (spec.kind() != TunnelKind.OPENVPN) {
            return Optional.empty();
        }
        return offerFor(spec.vni()).map(offer -> OpenVpnPeering.of(reservationId, spec, offer, peerEndpoints));
    }
}
