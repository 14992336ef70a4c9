package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.compute.ComputeDriver;
import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.InstanceStorage;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.ReservationId;

/**
 * Takes one node off its host, in the order a real host needs: shaping withdrawn, domain destroyed and undefined
 * (its taps leave the segment bridges), its overlay, seed and console log deleted, then its segments unplugged (a
 * bridge is removed only once nothing is on it). Every step is idempotent.
 */
final class NodeTeardown {

    private final ComputeDriver compute;
    private final InstanceStorage storage;
    private final NodeNetwork network;
    private final NicShaping shaping;

    NodeTeardown(ComputeDriver compute, InstanceStorage storage, NodeNetwork network, NicShaping shaping) {
        this.compute = compute;
        this.storage = storage;
        this.network = network;
        this.shaping = shaping;
    }

    /** All steps; the first failure stops the node's teardown (it is tried again by the next call). */
    void remove(ReservationId reservation, PlacedNode node) {
        DomainName domain = DomainName.of(reservation, node.name());
        shaping.unshape(reservation, node);
        compute.remove(node.host(), domain);
        storage.delete(node.host(), domain);
        network.unplug(reservation, node);
    }

    /** Undo after a failure: each step is attempted, and what fails rides along on {@code failure}. */
    void undo(ReservationId reservation, PlacedNode node, boolean shaped, boolean plugged, RuntimeException failure) {
        DomainName domain = DomainName.of(reservation, node.name());
        if (shaped) {
            attempt(() -> shaping.unshape(reservation, node), failure);
        }
        attempt(() -> compute.remove(node.host(), domain), failure);
        attempt(() -> storage.delete(node.host(), domain), failure);
        if (plugged) {
            attempt(() -> network.unplug(reservation, node), failure);
        }
    }

    private static void attempt(Runnable step, RuntimeException failure) {
        try {
            step.run();
        } catch (RuntimeException undoFailure) {
            failure.addSuppressed(undoFailure);
        }
    }
}
