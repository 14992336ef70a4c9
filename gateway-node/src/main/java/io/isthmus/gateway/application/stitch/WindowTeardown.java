package io.isthmus.gateway.application.stitch;

import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.stitch.BookingRepository;
import io.isthmus.gateway.domain.stitch.StitchState;
import io.isthmus.gateway.domain.tunnel.StitchDataPlane;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Ends, on the gateway's own authority, the committed or stitched bookings whose window ended more than the teardown
 * grace ago: removes their interfaces and openvpn processes, deletes their key material and drops them. Runs under the
 * {@link StitchService}'s lock.
 */
final class WindowTeardown {

    private static final System.Logger LOG = System.getLogger(WindowTeardown.class.getName());

    private final GatewayId gateway;
    private final BookingRepository bookings;
    private final StitchDataPlane dataPlane;
    private final OpenVpnOffers offers;
    private final Duration grace;

    WindowTeardown(GatewayId gateway, BookingRepository bookings, StitchDataPlane dataPlane, OpenVpnOffers offers,
                   Duration grace) {
        this.gateway = gateway;
        this.bookings = bookings;
        this.dataPlane = dataPlane;
        this.offers = offers;
        this.grace = grace;
    }

    /**
     * Tries every booking past its window at {@code now}; if any failed, throws the first failure (the others
     * suppressed) once the rest are done, and the failed ones stay for the next run. Returns how many were ended.
     */
    int run(Instant now) {
        List<Booking> over = bookings.findAll().stream().filter(b -> b.pastWindowAt(now, grace)).toList();
        RuntimeException failure = null;
        int done = 0;
        for (Booking booking : over) {
            try {
                tearDown(booking);
                done++;
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return done;
    }

    private void tearDown(Booking booking) {
        if (booking.state() == StitchState.STITCHED) {
            dataPlane.removeAll(booking.specs());
        }
        offers.revoke(booking);
        bookings.delete(booking.reservationId());
        LOG.log(System.Logger.Level.INFO, "gateway {0}: the window {1} of reservation {2} ended and its {3} s of"
                + " teardown grace passed without the broker ending it: the gateway tore down its {4} {5} stitch(es)"
                + " and dropped the booking (tx {6})", gateway, booking.window().orElseThrow(),
                booking.reservationId(), grace.toSeconds(), booking.specs().size(),
                booking.state().name().toLowerCase(Locale.ROOT), booking.transactionId());
    }
}
