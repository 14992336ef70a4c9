package io.isthmus.gateway.application.stitch;

import io.isthmus.gateway.domain.shared.ConflictException;
import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.TimeWindow;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.StitchState;
import io.isthmus.gateway.domain.stitch.VlanId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A tenant VLAN is booked over windows: two reservations may use one VLAN when {@code [start, end + grace)} of their
 * windows do not meet (the grace is the time the gateway allows itself to tear the first down). A booking without a
 * window (stored before windows were known) holds its VLAN for as long as it exists.
 */
final class VlanCalendar {

    private final GatewayId gateway;
    private final Duration grace;

    VlanCalendar(GatewayId gateway, Duration grace) {
        this.gateway = gateway;
        this.grace = grace;
    }

    /** Refuses {@code spec}'s VLAN over {@code window} when another booking's window on it overlaps. */
    void requireFree(StitchSpec spec, TimeWindow window, List<Booking> others) {
        if (spec.localVlan().isEmpty()) {
            return;
        }
        VlanId vlan = spec.localVlan().get();
        for (Booking other : others) {
            Optional<StitchSpec> using = other.specUsingVlan(vlan);
            if (using.isPresent() && other.overlaps(window, grace)) {
                throw new ConflictException("VLAN " + vlan + " of gateway " + gateway + " is already booked by"
                        + " reservation " + other.reservationId() + " (segment " + using.get().segment() + ") "
                        + booked(other) + ", which overlaps the requested window " + window + ": choose another"
                        + " VLAN" + other.window().map(w -> ", or a window starting at " + w.releasedAt(grace)
                        + " or later").orElse(", or abort that reservation first"));
            }
        }
    }

    /**
     * Refuses to stitch {@code spec} while another reservation's stitch on the same VLAN is still up (its window is
     * over but it has not been torn down yet).
     */
    void requireNotStitchedElsewhere(Booking booking, StitchSpec spec, List<Booking> others) {
        if (spec.localVlan().isEmpty()) {
            return;
        }
        VlanId vlan = spec.localVlan().get();
        for (Booking other : others) {
            if (other.state() == StitchState.STITCHED && !other.reservationId().equals(booking.reservationId())
                    && other.specUsingVlan(vlan).isPresent()) {
                throw new ConflictException("VLAN " + vlan + " of gateway " + gateway + " is still stitched for"
                        + " reservation " + other.reservationId() + " " + booked(other) + ": unstitch that"
                        + " reservation first" + other.window().map(w -> ", or stitch again after "
                        + w.releasedAt(grace) + ", when the gateway tears it down itself").orElse(""));
            }
        }
    }

    private String booked(Booking other) {
        return other.window().map(w -> "over " + w + " (+" + grace.toSeconds() + " s teardown grace, until "
                + w.releasedAt(grace) + ")").orElse("for as long as it exists (it was booked without a window)");
    }
}
