package io.isthmus.gateway.application.stitch;

import io.isthmus.gateway.domain.shared.GatewayException;
import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.stitch.BookingRepository;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.StitchState;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.StitchDataPlane;
import java.util.HashSet;
import java.util.Set;

/**
 * Makes the data plane match the bookings at start-up: stitched reservations get any missing interface (and
 * openvpn process) back; gateway-named interfaces and tunnel processes that no stitched reservation claims are
 * removed, and access ports none claims are detached from the gateway's bridges.
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

    /** Returns the stray interfaces it removed (access ports it detached included). */
    public Set<InterfaceName> reconcile() {
        Set<InterfaceName> expected = new HashSet<>();
        int failed = 0;
        for (Booking booking : bookings.findAll()) {
            if (booking.state() != StitchState.STITCHED) {
                continue;
            }
            for (StitchSpec spec : booking.specs()) {
                expected.addAll(dataPlane.interfacesOf(spec).all());
                failed += restore(booking, spec) ? 0 : 1;
            }
        }
        Set<InterfaceName> stray = new HashSet<>(dataPlane.presentManagedInterfaces());
        stray.removeAll(expected);
        for (InterfaceName name : stray) {
            LOG.log(System.Logger.Level.WARNING, "gateway {0}: interface {1} belongs to no stitched reservation;"
                    + " removing it", gateway, name);
            dataPlane.removeInterface(name);
        }
        Set<InterfaceName> unclaimed = new HashSet<>(dataPlane.attachedAccessPorts());
        unclaimed.removeAll(expected);
        for (InterfaceName port : unclaimed) {
            LOG.log(System.Logger.Level.WARNING, "gateway {0}: access port {1} is on a bridge no stitched reservation"
                    + " claims; detaching it", gateway, port);
            dataPlane.detachAccessPort(port);
        }
        LOG.log(System.Logger.Level.INFO, "gateway {0}: reconciled {1} interface(s) of stitched reservations"
                + " ({2} stitch(es) could not be restored), removed {3} stray, detached {4} access port(s)",
                gateway, expected.size(), failed, stray.size(), unclaimed.size());
        Set<InterfaceName> changed = new HashSet<>(stray);
        changed.addAll(unclaimed);
        return Set.copyOf(changed);
    }

    /** One stitch that cannot be restored (say, its openvpn port is taken) must not keep the gateway down. */
    private boolean restore(Booking booking, StitchSpec spec) {
        try {
            dataPlane.realise(spec, booking.peeringOf(spec));
            return true;
        } catch (GatewayException e) {
            LOG.log(System.Logger.Level.ERROR, "gateway {0}: cannot restore segment {1} (VNI {2}) of stitched"
                    + " reservation {3}: {4}", gateway, spec.segment(), spec.vni(), booking.reservationId(),
                    e.getMessage());
            return false;
        }
    }
}
