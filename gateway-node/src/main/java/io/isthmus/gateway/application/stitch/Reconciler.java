package io.isthmus.gateway.application.stitch;

import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.stitch.BookingRepository;
import io.isthmus.gateway.domain.stitch.StitchState;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.StitchDataPlane;
import io.isthmus.gateway.domain.tunnel.StitchInterfaces;
import java.util.HashSet;
import java.util.Set;

/**
 * Makes the data plane match the bookings at start-up: stitched reservations get any missing interface back, and
 * gateway-named interfaces that no stitched reservation claims are removed.
 */
public final class Reconciler {

    private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());

    private final GatewayId gateway;
    private final BookingRepository bookings;
    private final StitchDataPlane dataPlane;

    public Reconciler(GatewayId gateway, BookingRepository bookings, StitchDataPlane dataPlane) {
        this.gateway = gateway;
        this.bookings = bookings;
        this.dataPlane = dataPlane;
    }

    /** Returns the stray interfaces it removed. */
    public Set<InterfaceName> reconcile() {
        Set<InterfaceName> expected = new HashSet<>();
        for (Booking booking : bookings.findAll()) {
            if (booking.state() != StitchState.STITCHED) {
                continue;
            }
            booking.specs().forEach(spec -> expected.addAll(dataPlane.realise(spec).all()));
        }
        Set<InterfaceName> stray = new HashSet<>(dataPlane.presentManagedInterfaces());
        stray.removeAll(expected);
        for (InterfaceName name : stray) {
            LOG.log(System.Logger.Level.WARNING, "gateway {0}: interface {1} belongs to no stitched reservation;"
                    + " removing it", gateway, name);
            dataPlane.removeInterface(name);
        }
        LOG.log(System.Logger.Level.INFO, "gateway {0}: reconciled {1} interface(s) of stitched reservations,"
                + " removed {2} stray", gateway, expected.size(), stray.size());
        return Set.copyOf(stray);
    }
}
