package io.isthmus.rms.application.qos;

import io.isthmus.rms.domain.qos.Allocation;
import io.isthmus.rms.domain.qos.AllocationPlan;
import io.isthmus.rms.domain.qos.BandwidthAllocator;
import io.isthmus.rms.domain.qos.Demand;
import io.isthmus.rms.domain.qos.DemandSampler;
import io.isthmus.rms.domain.qos.HostLink;
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
import java.util.Set;

/**
 * Re-divides one host link every period: samples demand, runs the {@link BandwidthAllocator} and applies
 * only the allocations that changed. Ports are registered in creation order (the allocator's tie-break) and
 * their shaping is removed on the tick after they are unregistered. {@link #tick()} is one period's work;
 * {@link RebalancerSchedule} calls it on a timer.
 */
public final class BandwidthRebalancer {

    private static final Logger LOG = System.getLogger(BandwidthRebalancer.class.getName());

    private final HostLink link;
    private final DemandSampler sampler;
    private final QosDriver driver;
    private final BandwidthAllocator allocator = new BandwidthAllocator();
    private final Map<VifId, QosContract> contracts = new LinkedHashMap<>();
    private final Map<VifId, Allocation> applied = new HashMap<>();

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

    /**
     * One period: unshape unregistered ports, sample, allocate, apply what changed. A port the driver fails
     * on is logged and retried next period; a failed sample skips the period.
     *
     * @return the plan of this period, or an empty plan when the sample failed
     */
    public synchronized AllocationPlan tick() {
        removeUnregistered();
        List<QosContract> current = List.copyOf(contracts.values());
        Map<VifId, Demand> demand;
        try {
            demand = new HashMap<>(sampler.sample(Set.copyOf(contracts.keySet())));
        } catch (QosException e) {
            LOG.log(Level.WARNING, "could not sample port demand; keeping the current shaping this period", e);
            return new AllocationPlan(List.of());
        }
        demand.keySet().retainAll(contracts.keySet());
        AllocationPlan plan = allocator.allocate(link, current, demand);
        for (Allocation allocation : plan.allocations()) {
            if (!allocation.equals(applied.get(allocation.id()))) {
                apply(allocation);
            }
        }
        return plan;
    }

    private void apply(Allocation allocation) {
        try {
            driver.apply(allocation);
            applied.put(allocation.id(), allocation);
            LOG.log(Level.DEBUG, "port {0} now rate {1} ceil {2} packets {3}", allocation.id(), allocation.rate(),
                    allocation.ceil(), allocation.packetCap());
        } catch (QosException e) {
            applied.remove(allocation.id());
            LOG.log(Level.ERROR, "could not shape port " + allocation.id() + "; retrying next period", e);
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
                LOG.log(Level.INFO, "port {0} unregistered; its shaping is removed", port);
            } catch (QosException e) {
                LOG.log(Level.ERROR, "could not unshape port " + port + "; retrying next period", e);
            }
        }
    }
}
