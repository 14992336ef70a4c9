package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.compute.ComputeDriver;
import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.DomainObservation;
import io.isthmus.rms.domain.compute.DomainRunState;
import io.isthmus.rms.domain.compute.InstanceStorage;
import io.isthmus.rms.domain.reservation.Booking;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.SiteException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * At RMS start, brings the hosts in line with the PROVISIONED bookings: an L1 domain or VM storage that no
 * provisioned booking names (left by a provision killed midway, or by a teardown that failed) is destroyed and
 * deleted; a provisioned node whose domain is missing or stopped is restored (disks prepared, segments plugged, domain
 * started, idempotently; its guest is not awaited), and when that fails it is reported in the log and with the node in the
 * status view.
 */
final class ComputeReconciler {

    private static final Logger LOG = System.getLogger(ComputeReconciler.class.getName());

    private final ComputeDriver compute;
    private final InstanceStorage storage;
    private final NodeNetwork network;
    private final DomainSpecFactory specs;
    private final NodeProblems problems;

    ComputeReconciler(ComputeDriver compute, InstanceStorage storage, NodeNetwork network, DomainSpecFactory specs,
            NodeProblems problems) {
        this.compute = compute;
        this.storage = storage;
        this.network = network;
        this.specs = specs;
        this.problems = problems;
    }

    /** Destroys and deletes, on every host, the domains and VM storage no provisioned booking names. */
    void removeOrphans(List<HostName> hosts, List<Booking> provisioned) {
        for (HostName host : hosts) {
            Set<DomainName> wanted = new HashSet<>();
            provisioned.forEach(b -> b.nodes().stream().filter(n -> n.host().equals(host))
                    .forEach(n -> wanted.add(DomainName.of(b.id(), n.name()))));
            Set<DomainName> found = new HashSet<>(compute.domains(host));
            found.addAll(storage.present(host));
            for (DomainName orphan : found) {
                if (!wanted.contains(orphan)) {
                    compute.remove(host, orphan);
                    storage.delete(host, orphan);
                    LOG.log(Level.WARNING, "reconcile: destroyed domain {0} and deleted its disks on host {1}: no"
                            + " provisioned booking names it", orphan, host);
                }
            }
        }
    }

    /** Restores each provisioned node whose domain is missing or not running; reports those it cannot. */
    void restoreMissing(List<Booking> provisioned) {
        for (Booking booking : provisioned) {
            for (PlacedNode node : booking.nodes()) {
                DomainName name = DomainName.of(booking.id(), node.name());
                Optional<DomainRunState> state = compute.inspect(node.host(), name).map(DomainObservation::state);
                if (state.equals(Optional.of(DomainRunState.RUNNING))) {
                    continue;
                }
                try {
                    network.plug(booking.id(), node);
                    compute.start(node.host(), specs.specFor(booking.id(), node, storage.prepare(node.host(), name,
                            node.spec().image(), node.spec().diskGib(), specs.guestFor(booking.id(), node))));
                    problems.clear(name);
                    LOG.log(Level.WARNING, "reconcile: restored domain {0} of provisioned reservation {1} on host"
                            + " {2} (it was {3})", name, booking.id(), node.host(), state.map(Enum::name)
                            .orElse("missing"));
                } catch (SiteException e) {
                    String problem = "domain " + name + " of provisioned node " + node.name() + " was "
                            + state.map(Enum::name).orElse("missing") + " at RMS start and could not be restored: "
                            + e.getMessage();
                    problems.report(name, problem);
                    LOG.log(Level.ERROR, "reconcile: " + problem, e);
                }
            }
        }
    }
}
