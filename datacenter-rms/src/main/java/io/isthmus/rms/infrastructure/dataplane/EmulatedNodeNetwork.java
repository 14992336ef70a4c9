package io.isthmus.rms.infrastructure.dataplane;

import io.isthmus.rms.application.reservation.NodeNetwork;
import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.reservation.Booking;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.segment.HostUnderlay;
import io.isthmus.rms.domain.segment.SegmentException;
import io.isthmus.rms.domain.segment.SiteUnderlay;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.SiteException;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import io.isthmus.rms.infrastructure.segment.HostCommands;
import io.isthmus.rms.infrastructure.standin.StandInCommands;
import io.isthmus.rms.infrastructure.standin.StandInId;
import io.isthmus.rms.infrastructure.standin.VmStandIn;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The data plane of a site whose hosts are network namespaces: on plug, each NIC's segment is ensured in the
 * host's namespace and, on a host of the libvirt test driver (which runs no guest), the VM gets a veth stand-in on
 * it; on a host that runs real guests the guest's own NIC is its presence (libvirt puts its tap, named as the
 * stand-in's host port would be, on the bridge when the domain starts). On unplug the stand-in goes and so does every
 * segment nothing on that host uses any more. The host namespaces and the site LAN belong to whoever
 * launched the site; {@link #requireHostNamespaces} only checks that they are there. Calls are serialised, so
 * two reservations sharing a segment on a host never race to create or remove its bridge.
 */
public final class EmulatedNodeNetwork implements NodeNetwork {

    private static final Logger LOG = System.getLogger(EmulatedNodeNetwork.class.getName());

    private final CommandRunner runner;
    private final Map<HostName, HostDataPlane> hosts = new LinkedHashMap<>();
    private final Set<HostName> guestHosts;

    /** A site whose hosts all run on the libvirt test driver: every VM gets a stand-in. */
    public EmulatedNodeNetwork(SiteUnderlay underlay, CommandRunner runner) {
        this(underlay, runner, Set.of());
    }

    /** @param guestHosts the hosts whose VMs are real guests, with NICs of their own: no stand-ins there */
    public EmulatedNodeNetwork(SiteUnderlay underlay, CommandRunner runner, Set<HostName> guestHosts) {
        this.runner = runner;
        this.guestHosts = Set.copyOf(guestHosts);
        for (HostUnderlay host : underlay.hosts()) {
            hosts.put(host.host(), new HostDataPlane(host, underlay.gatewayAddress(), runner));
        }
    }

    /** Fails, naming every missing one and its configuration key, unless each host's namespace exists. */
    public void requireHostNamespaces() {
        var listed = new HostCommands(runner, Optional.empty()).require(StandInCommands.listNamespaces(),
                "list network namespaces (site.dataPlane=emulated needs iproute2 and root)");
        Set<String> existing = new HashSet<>(listed.stdout().lines().map(l -> l.split(" ", 2)[0]).toList());
        List<String> missing = hosts.values().stream().map(HostDataPlane::underlay)
                .filter(h -> !existing.contains(h.namespace().value()))
                .map(h -> "host " + h.host() + " (host." + h.host() + ".namespace=" + h.namespace() + ")").toList();
        if (!missing.isEmpty()) {
            throw new SegmentException("site.dataPlane=emulated but the namespace of " + String.join(", ", missing)
                    + " does not exist; create it and its site-LAN address before starting the RMS"
                    + " (the launcher does), or set site.dataPlane=none");
        }
    }

    @Override
    public synchronized void plug(ReservationId reservation, PlacedNode node) {
        HostDataPlane host = host(node.host());
        if (node.spec().nics().isEmpty()) {
            return;
        }
        VmStandIn vm = StandIns.of(reservation, node);
        boolean standIn = !guestHosts.contains(node.host());
        Set<Vni> before = host.segments().present();
        boolean standInExisted = !standIn || host.standIns().present().contains(vm.id());
        List<Vni> created = new ArrayList<>();
        try {
            for (Vni vni : StandIns.vnis(node)) {
                host.segments().ensure(host.port(vni));
                if (!before.contains(vni)) {
                    created.add(vni);
                }
            }
            if (standIn) {
                host.standIns().attach(vm);
            }
        } catch (SiteException failure) {
            undo(host, vm.id(), standInExisted, created, failure);
            throw new SegmentException("could not connect node " + node.name() + " of reservation " + reservation
                    + " on host " + node.host() + ": " + failure.getMessage(), failure);
        }
        if (!standIn) {
            LOG.log(Level.INFO, "node {0} of reservation {1} on host {2}: segment(s) {3} ready for its guest''s NICs",
                    node.name(), reservation, node.host(), StandIns.vnis(node));
            return;
        }
        LOG.log(Level.INFO, "node {0} of reservation {1} on host {2}: stand-in {3} on segment(s) {4}{5}",
                node.name(), reservation, node.host(), vm.id().namespace(), StandIns.vnis(node),
                StandIns.hasAddresses(node) ? "" : " (no IPv4 from the broker: stand-in NICs carry no address)");
    }

    private static void undo(HostDataPlane host, StandInId id, boolean standInExisted, List<Vni> created,
            SiteException failure) {
        try {
            if (!standInExisted) {
                host.standIns().detach(id);
            }
            for (Vni vni : created) {
                host.segments().remove(vni);
            }
        } catch (SiteException undoFailure) {
            failure.addSuppressed(undoFailure);
        }
    }

    @Override
    public synchronized void unplug(ReservationId reservation, PlacedNode node) {
        HostDataPlane host = host(node.host());
        if (!guestHosts.contains(node.host())) {
            host.standIns().detach(StandIns.id(reservation, node));
        }
        for (Vni vni : StandIns.vnis(node)) {
            if (host.removeIfUnused(vni)) {
                LOG.log(Level.INFO, "segment {0} removed from host {1}: no VM there uses it any more", vni,
                        node.host());
            }
        }
    }

    @Override
    public synchronized void reconcile(List<Booking> provisioned) {
        Map<HostName, Set<StandInId>> wanted = new HashMap<>();
        for (Booking booking : provisioned) {
            for (PlacedNode node : booking.nodes()) {
                wanted.computeIfAbsent(node.host(), h -> new HashSet<>()).add(StandIns.id(booking.id(), node));
            }
        }
        for (var entry : hosts.entrySet()) {
            if (guestHosts.contains(entry.getKey())) {
                continue; // the ports there are the taps of real guests, which compute reconcile looks after
            }
            HostDataPlane host = entry.getValue();
            Set<StandInId> keep = wanted.getOrDefault(entry.getKey(), Set.of());
            for (StandInId orphan : host.standIns().attachedHere()) {
                if (!keep.contains(orphan)) {
                    host.standIns().detach(orphan);
                    LOG.log(Level.INFO, "reconcile: removed stand-in {0} from host {1}; no provisioned"
                            + " reservation needs it", orphan, entry.getKey());
                }
            }
        }
        for (Booking booking : provisioned) {
            for (PlacedNode node : booking.nodes()) {
                plug(booking.id(), node);
            }
        }
        for (var entry : hosts.entrySet()) {
            for (Vni vni : entry.getValue().segments().present()) {
                if (entry.getValue().removeIfUnused(vni)) {
                    LOG.log(Level.INFO, "reconcile: removed unused segment {0} from host {1}", vni, entry.getKey());
                }
            }
        }
    }

    /**
     * The NIC's port on the node's segment bridge, {@code isvp<8 hex><index>}: the stand-in's host-side veth end, or
     * on a host of real guests the tap libvirt creates under that name.
     */
    @Override
    public Optional<VifId> hostPort(ReservationId reservation, PlacedNode node, int nicIndex) {
        return Optional.of(StandIns.hostPort(reservation, node, nicIndex));
    }

    private HostDataPlane host(HostName name) {
        HostDataPlane host = hosts.get(name);
        if (host == null) {
            throw new SegmentException("host " + name + " has no emulated data plane; configure host." + name
                    + ".lanAddress");
        }
        return host;
    }
}
