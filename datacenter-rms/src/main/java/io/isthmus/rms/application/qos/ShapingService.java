package io.isthmus.rms.application.qos;

import io.isthmus.rms.application.reservation.NicShaping;
import io.isthmus.rms.application.reservation.NodeNetwork;
import io.isthmus.rms.domain.qos.Allocation;
import io.isthmus.rms.domain.qos.PacketCapStatus;
import io.isthmus.rms.domain.qos.QosContract;
import io.isthmus.rms.domain.qos.QosException;
import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.reservation.Booking;
import io.isthmus.rms.domain.reservation.NicSpec;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.site.HostName;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The site's NIC shaping: one {@link BandwidthRebalancer} per host whose ports it shapes, fed the contracts of the
 * provisioned NICs (the port of each comes from the data plane, {@link NodeNetwork#hostPort}). Provision admits a
 * NIC's contract at once, release and terminate withdraw it at once, and between them every host's link is
 * re-divided each period by {@link #startRebalancing}. A site whose data plane has no ports shapes nothing.
 */
public final class ShapingService implements NicShaping, AutoCloseable {

    private static final Logger LOG = System.getLogger(ShapingService.class.getName());

    private final Map<HostName, BandwidthRebalancer> hosts;
    private final NodeNetwork ports;
    private final List<RebalancerSchedule> schedules = new ArrayList<>();

    public ShapingService(Map<HostName, BandwidthRebalancer> hosts, NodeNetwork ports) {
        this.hosts = Map.copyOf(new LinkedHashMap<>(hosts));
        this.ports = ports;
    }

    @Override
    public void shape(ReservationId reservation, PlacedNode node) {
        List<VifId> admitted = new ArrayList<>();
        try {
            for (ShapedNic nic : shapedNics(reservation, node)) {
                BandwidthRebalancer host = rebalancer(node);
                Allocation now = host.admit(nic.contract(host));
                admitted.add(nic.port());
                LOG.log(Level.INFO, "NIC {0} of node {1} (reservation {2}) shaped on port {3} of host {4}: {5};"
                        + " rate {6}, ceil {7}, packet cap {8}", nic.spec().mac(), node.name(), reservation,
                        nic.port(), node.host(), nic.spec().qos().orElseThrow(), now.rate(), now.ceil(),
                        host.packetCap(nic.port()).map(PacketCapStatus::toString).orElse("-"));
            }
        } catch (QosException failure) {
            for (VifId port : admitted) {
                try {
                    rebalancer(node).withdraw(port);
                } catch (QosException undo) {
                    failure.addSuppressed(undo);
                }
            }
            throw new QosException("could not shape the NICs of node " + node.name() + " of reservation "
                    + reservation + " on host " + node.host() + ": " + failure.getMessage(), failure);
        }
    }

    @Override
    public void unshape(ReservationId reservation, PlacedNode node) {
        QosException failure = null;
        for (ShapedNic nic : shapedNics(reservation, node)) {
            try {
                rebalancer(node).withdraw(nic.port());
                LOG.log(Level.INFO, "NIC {0} of node {1} (reservation {2}): shaping of port {3} removed",
                        nic.spec().mac(), node.name(), reservation, nic.port());
            } catch (QosException e) {
                if (failure == null) {
                    failure = new QosException("could not remove the shaping of node " + node.name()
                            + " of reservation " + reservation + " on host " + node.host() + ": " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Registers every contract first, then on each host removes what ports no contract claims left behind and applies
     * the host's plan once; a port that fails is retried each period.
     */
    @Override
    public void restore(List<Booking> provisioned) {
        int restored = 0;
        for (Booking booking : provisioned) {
            for (PlacedNode node : booking.nodes()) {
                for (ShapedNic nic : shapedNics(booking.id(), node)) {
                    BandwidthRebalancer host = rebalancer(node);
                    host.register(nic.contract(host));
                    restored++;
                }
            }
        }
        hosts.values().forEach(BandwidthRebalancer::restore);
        if (restored > 0) {
            LOG.log(Level.INFO, "restored the shaping of {0} NIC(s) of provisioned reservations", restored);
        }
    }

    /** Starts re-dividing every host's link each {@code period} (the DBA-VM period, default 1 s). */
    public synchronized void startRebalancing(Duration period) {
        if (!schedules.isEmpty()) {
            throw new IllegalStateException("rebalancing already runs");
        }
        hosts.forEach((name, host) -> schedules.add(RebalancerSchedule.start(host, period, name.value())));
    }

    /** Whether the packet cap of a port on a host is enforced, as its last shaping reported; empty if not shaped. */
    public Optional<PacketCapStatus> packetCap(HostName host, VifId port) {
        return Optional.ofNullable(hosts.get(host)).flatMap(h -> h.packetCap(port));
    }

    /** The contracts registered on a host, in the order they were admitted. */
    public List<QosContract> contracts(HostName host) {
        return Optional.ofNullable(hosts.get(host)).map(BandwidthRebalancer::contracts).orElse(List.of());
    }

    /** Stops the timers; the ports keep the shaping they have (as the stand-ins stay), for the next start. */
    @Override
    public synchronized void close() {
        schedules.forEach(RebalancerSchedule::close);
        schedules.clear();
    }

    private List<ShapedNic> shapedNics(ReservationId reservation, PlacedNode node) {
        List<ShapedNic> shaped = new ArrayList<>();
        List<NicSpec> nics = node.spec().nics();
        for (int i = 0; i < nics.size(); i++) {
            NicSpec nic = nics.get(i);
            if (nic.qos().isEmpty()) {
                continue;
            }
            Optional<VifId> port = ports.hostPort(reservation, node, i);
            if (port.isEmpty()) {
                LOG.log(Level.DEBUG, "NIC {0} of node {1} has a bandwidth contract but the site manages no port"
                        + " for it; it is not shaped", nic.mac(), node.name());
                continue;
            }
            shaped.add(new ShapedNic(nic, port.get()));
        }
        return shaped;
    }

    private BandwidthRebalancer rebalancer(PlacedNode node) {
        BandwidthRebalancer host = hosts.get(node.host());
        if (host == null) {
            throw new QosException("host " + node.host() + " shapes no ports, but node " + node.name()
                    + " has NICs with a bandwidth contract; run the site with site.dataPlane=emulated");
        }
        return host;
    }

    /** A NIC with a contract and the port that carries it. */
    private record ShapedNic(NicSpec spec, VifId port) {

        QosContract contract(BandwidthRebalancer host) {
            return spec.qos().orElseThrow().contractFor(port, host.link().capacity());
        }
    }
}
