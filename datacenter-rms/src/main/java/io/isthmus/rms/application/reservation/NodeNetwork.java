package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.reservation.Booking;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.ReservationId;
import java.util.List;
import java.util.Optional;

/**
 * The data plane of the L1 VMs: their segments on the host and what carries their NICs. Every operation is
 * idempotent. {@link #NONE} is used when the site has no data plane of its own to manage.
 *
 * <p>Failures are {@link io.isthmus.rms.domain.segment.SegmentException}s that name what failed.
 */
public interface NodeNetwork {

    /** A site whose data plane the RMS does not manage: every call does nothing. */
    NodeNetwork NONE = new NodeNetwork() {
        @Override
        public void plug(ReservationId reservation, PlacedNode node) {
        }

        @Override
        public void unplug(ReservationId reservation, PlacedNode node) {
        }

        @Override
        public void reconcile(List<Booking> provisioned) {
        }

        @Override
        public Optional<VifId> hostPort(ReservationId reservation, PlacedNode node, int nicIndex) {
            return Optional.empty();
        }
    };

    /** Makes the node's segments exist on its host and connects its NICs; on failure undoes what it created. */
    void plug(ReservationId reservation, PlacedNode node);

    /** Disconnects the node's NICs and removes the segments its host no longer needs. */
    void unplug(ReservationId reservation, PlacedNode node);

    /** Removes what no booking in {@code provisioned} needs and recreates what they need but is missing. */
    void reconcile(List<Booking> provisioned);

    /**
     * The host-side port that carries NIC {@code nicIndex} of the node once it is plugged, where its bandwidth is
     * shaped; derived from ids only, so it is known before plug and after a restart. Empty when this data plane
     * has no port of its own for the NIC.
     */
    Optional<VifId> hostPort(ReservationId reservation, PlacedNode node, int nicIndex);
}
