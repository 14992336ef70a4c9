package io.isthmus.rms.application.qos;

import io.isthmus.rms.domain.qos.Allocation;
import io.isthmus.rms.domain.qos.AllocationPlan;
import io.isthmus.rms.domain.qos.BandwidthAllocator;
import io.isthmus.rms.domain.qos.Demand;
import io.isthmus.rms.domain.qos.DemandSampler;
import io.isthmus.rms.domain.qos.HostLink;
import io.isthmus.rms.domain.qos.PacketCapStatus;
import io.isthmus.rms.domain.qos.QosContract;
import io.isthmus.rms.domain.qos.QosDriver;
import io.isthmus.rms.domain.qos.QosException;
import io.isthmus.rms.domain.qos.VifId;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Re-divides one host link every period: samples demand, runs the {@link BandwidthAllocator} and applies
 * only the allocations that changed. Ports are registered in creation order (the allocator's tie-break) and
 * their shaping is removed on the tick after they are unregistered. {@link #tick()} is one period's work;
 * {@link RebalancerSchedule} calls it on a timer. {@link #admit} and {@link #withdraw} do the same for one port
 * at once, for provisioning and release, which must not wait for the next period.
 */
public final class BandwidthRebalancer {

    private static final Logger LOG = System.getLogger(BandwidthRebalancer.class.getName());

    private final HostLink link;
    private final DemandSampler sampler;
    private final QosDriver driver;
    private final BandwidthAllocator allocator = new BandwidthAllocator();
    private final Map<VifId, QosContract> contracts = new LinkedHashMap<>();
    private final Map<VifId, Allocation> applied = new HashMap<>();
    private final Map<VifId, PacketCapStatus> packetCaps = new HashMap<>();
    private Map<VifId, Demand> lastDemand = Map.of();

    public BandwidthRebalancer(HostLink link, DemandSampler sampler, QosDriver driver) {
        this.link = link;
        this.sampler = sampler;
        this.driver = driver;
    }

    /** Starts shaping a port from the next tick on; registering it again replaces its contract in place. */
    public synchronized void register(QosContract contract) {
        contracts.put(contract.id(), contract);
    }

    /** Stops shaping a port: its shaping is removed on the next tick. Unknown ports are a no-op. */
    public synchronized void unregister(VifId port) {
        contracts.remove(port);
    }

    public synchronized List<QosContract> contracts() {
        return List.copyOf(contracts.values());
    }

    /** The allocations the driver last applied successfully, by port. */
    public synchronized Map<VifId, Allocation> applied() {
        return Map.copyOf(applied);
    }

    /** Whether the port's packet cap was enforced when its allocation was last applied; empty if never applied. */
    public synchronized Optional<PacketCapStatus> packetCap(VifId port) {
        return Optional.ofNullable(packetCaps.get(port));
    }

    public HostLink link() {
        return link;
    }

    /**
     * Registers the contract and shapes its port now, re-dividing the link with the demand measured last period
     * (other ports whose share changed are reshaped too, as a tick would).
     *
     * @return what the port now carries
     * @throws QosException when the port cannot be shaped; the contract is then unregistered again
     */
    public synchronized Allocation admit(QosContract contract) {
        VifId port = contract.id();
        contracts.put(port, contract);
        Map<VifId, Demand> demand = new HashMap<>(lastDemand);
        demand.keySet().retainAll(contracts.keySet());
        AllocationPlan plan = allocator.allocate(link, List.copyOf(contracts.values()), demand);
        Allocation own = plan.find(port).orElseThrow();
        try {
            packetCaps.put(port, driver.apply(own));
            applied.put(port, own);
        } catch (QosException failure) {
            contracts.remove(port);
            applied.remove(port);
            packetCaps.remove(port);
            try {
                driver.remove(port);
            } catch (QosException undo) {
                failure.addSuppressed(undo);
            }
            throw failure;
        }
        LOG.log(Level.DEBUG, "port {0} admitted: rate {1} ceil {2} packets {3} ({4})", port, own.rate(), own.ceil(),
                own.packetCap(), packetCaps.get(port));
        for (Allocation other : plan.allocations()) {
            if (!other.id().equals(port) && !other.equals(applied.get(other.id()))) {
                apply(other);
            }
        }
        return own;
    }

    /**
     * Unregisters the port and removes its shaping now; a port never shaped, or gone, is a no-op.
     *
     * @throws QosException when the shaping is there but cannot be removed; the contract is gone all the same, and
     *                      when this rebalancer had shaped the port the next tick tries the removal again
     */
    public synchronized void withdraw(VifId port) {
        contracts.remove(port);
        Allocation was = applied.remove(port);
        PacketCapStatus capped = packetCaps.remove(port);
        try {
            driver.remove(port);
        } catch (QosException e) {
            if (was != null) {
                applied.put(port, was);
                Optional.ofNullable(capped).ifPresent(c -> packetCaps.put(port, c));
            }
            throw e;
        }
    }

    /**
     * One period: unshape unregistered ports, sample, allocate, apply what changed. A port the driver fails
     * on is logged and retried next period; a failed sample skips the period.
     *
     * @return the plan of this period, or an empty plan when the sample failed
     */
    public synchronized AllocationPlan tick() {
        removeUnregistered();
        if (contracts.isEmpty()) {
            lastDemand = Map.of();
            return new AllocationPlan(List.of());
        }
        List<QosContract> current = List.copyOf(contracts.values());
        Map<VifId, Demand> demand;
        try {
            demand = new HashMap<>(sampler.sample(Set.copyOf(contracts.keySet())));
        } catch (QosException e) {
            LOG.log(Level.WARNING, "could not sample port demand; keeping the current shaping this period", e);
            return new AllocationPlan(List.of());
        }
        demand.keySet().retainAll(contracts.keySet());
        lastDemand = Map.copyOf(demand);
        AllocationPlan plan = allocator.allocate(link, current, demand);
        for (Allocation allocation : plan.allocations()) {
            if (!allocation.equals(applied.get(allocation.id()))) {
                apply(allocation);
            }
        }
        return plan;
    }

    /**
     * After a restart, with the contracts of the provisioned NICs registered: removes what the driver left behind for
     * ports no contract claims, then (when there are contracts) runs one period to shape the claimed ports again. A
     * cleanup that fails is logged and leaves the claimed ports' shaping to go ahead.
     */
    public synchronized void restore() {
        Set<VifId> claimed = Set.copyOf(contracts.keySet());
        try {
            driver.retainOnly(claimed);
        } catch (QosException e) {
            LOG.log(Level.WARNING, "could not remove the shaping left on ports no contract claims; remove it by hand"
                    + " or restart again", e);
        }
        if (!claimed.isEmpty()) {
            tick();
        }
    }

    private void apply(Allocation allocation) {
        try {
            packetCaps.put(allocation.id(), driver.apply(allocation));
            applied.put(allocation.id(), allocation);
            LOG.log(Level.DEBUG, "port {0} now rate {1} ceil {2} packets {3} ({4})", allocation.id(),
                    allocation.rate(), allocation.ceil(), allocation.packetCap(), packetCaps.get(allocation.id()));
        } catch (QosException e) {
            applied.remove(allocation.id());
            packetCaps.remove(allocation.id());
            LOG.log(Level.WARNING, "could not shape port " + allocation.id() + "; retrying next period", e);
        }
    }

    private void removeUnregistered() {
        for (VifId port : new ArrayList<>(applied.keySet())) {
            if (contracts.containsKey(port)) {
                continue;
            }
            try {
                driver.remove(port);
                applied.remove(port);
                packetCaps.remove(port);
                LOG.log(Level.INFO, "port {0} unregistered; its shaping is removed", port);
            } catch (QosException e) {
                LOG.log(Level.WARNING, "could not unshape port " + port + "; retrying next period", e);
            }
        }
    }
}
