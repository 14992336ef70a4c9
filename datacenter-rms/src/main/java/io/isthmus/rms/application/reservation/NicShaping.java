package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.reservation.Booking;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.ReservationId;
import java.util.List;

/**
 * Enforces the bandwidth contracts of the nodes' NICs on the ports that carry them (NICs without a contract are
 * not shaped). Called after the node is plugged, and before it is unplugged. Failures are
 * {@link io.isthmus.rms.domain.qos.QosException}s that name the port.
 */
public interface NicShaping {

    /** Shapes every NIC of the node that has a contract, now; on failure nothing of this call stays shaped. */
    void shape(ReservationId reservation, PlacedNode node);

    /** Stops shaping the node's NICs and removes their shaping now; NICs never shaped are a no-op. */
    void unshape(ReservationId reservation, PlacedNode node);

    /** After a restart: takes up the contracts of the provisioned bookings again and applies them. */
    void restore(List<Booking> provisioned);
}
