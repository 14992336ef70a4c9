package io.isthmus.broker.interfaces.rest;

import io.isthmus.broker.domain.reservation.Reservation;
import java.time.Instant;
import java.util.List;

/** The JSON form of a reservation summary. */
public record ReservationView(String reservationId, String tenant, Instant start, Instant end,
                              String reservationState, String provisionState, String lifecycleState,
                              boolean committed, boolean dataPlaneActive, List<Placed> placement,
                              List<SegmentView> segments, String lastError) {
    /** Where one node runs. */
    public record Placed(String node, String site, String host, List<String> macs) {
    }

    /** A segment with its VLAN and VNI. */
    public record SegmentView(String segment, int vlan, int vni) {
    }

    static ReservationView of(Reservation r) {
        return new ReservationView(r.id().value(), r.tenant(), r.window().start(), r.window().end(),
                r.reservationState().name(), r.provisionState().name(), r.lifecycleState().name(), r.committed(),
                r.dataPlaneActive(),
                r.nodes().stream().map(n -> new Placed(n.name(), n.site().value(), n.host().map(h -> h.value()).orElse(null),
                        n.nics().stream().map(nic -> nic.mac()).toList())).toList(),
                r.segments().stream().map(s -> new SegmentView(s.name(), s.vlan(), s.vni())).toList(),
                r.lastError().orElse(null));
    }
}
