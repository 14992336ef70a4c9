package io.isthmus.gateway.bench;

import io.isthmus.gateway.testsupport.TestWindows;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TransactionId;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.stitch.SegmentName;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.Vni;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Drives reservations of one tunnel kind through both gateways of a {@link GatewayPair} as the broker does: prepare
 * and commit at each gateway, then stitch (the listening gateway gw-0 first, each given the other's openvpn offers),
 * and finally unstitch and abort at each. Segment {@code s<vni>} has no tenant VLAN.
 */
final class PairStitching {

    /** One reservation: its ids, its segments' VNIs, and each gateway's booking once prepared. */
    static final class Reservation {
        final ReservationId id = new ReservationId(UUID.randomUUID().toString());
        final TransactionId tx = new TransactionId(UUID.randomUUID().toString());
        final List<Integer> vnis;
        final Booking[] bookings = new Booking[2];

        Reservation(List<Integer> vnis) {
            this.vnis = List.copyOf(vnis);
        }
    }

    private final GatewayPair pair;
    private final TunnelKind kind;

    PairStitching(GatewayPair pair, TunnelKind kind) {
        this.pair = pair;
        this.kind = kind;
    }

    /** One reservation holding all of {@code vnis}. */
    static List<Reservation> oneReservation(List<Integer> vnis) {
        return List.of(new Reservation(vnis));
    }

    /** One reservation per VNI. */
    static List<Reservation> reservationEach(List<Integer> vnis) {
        return vnis.stream().map(v -> new Reservation(List.of(v))).toList();
    }

    void prepareAndCommit(List<Reservation> reservations) {
        Instant holdExpires = Instant.now().plusSeconds(600);
        for (Reservation r : reservations) {
            for (int gw = 0; gw < 2; gw++) {
                r.bookings[gw] = pair.service(gw).prepare(r.id, r.tx, TestWindows.LONG, holdExpires, specs(gw, r.vnis));
            }
            for (int gw = 0; gw < 2; gw++) {
                pair.service(gw).commit(r.id, r.tx);
            }
        }
    }

    void stitch(List<Reservation> reservations) {
        for (Reservation r : reservations) {
            for (int gw = 0; gw < 2; gw++) {
                if (kind == TunnelKind.OPENVPN) {
                    pair.service(gw).stitch(r.id, r.tx, BrokerRelay.endpointsFor(gw, r.bookings[1 - gw]));
                } else {
                    pair.service(gw).stitch(r.id, r.tx);
                }
            }
        }
    }

    void unstitchAndAbort(List<Reservation> reservations) {
        for (Reservation r : reservations) {
            for (int gw = 0; gw < 2; gw++) {
                pair.service(gw).unstitch(r.id, r.tx);
                pair.service(gw).abort(r.id, r.tx);
            }
        }
    }

    private List<StitchSpec> specs(int gw, List<Integer> vnis) {
        List<StitchSpec> specs = new ArrayList<>();
        Ipv4Address peer = new Ipv4Address(GatewayPair.ADDRESSES.get(1 - gw));
        for (int vni : vnis) {
            specs.add(new StitchSpec(new SegmentName("s" + vni), new Vni(vni), kind, Optional.empty(), List.of(peer)));
        }
        return specs;
    }
}
