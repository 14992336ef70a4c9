package io.isthmus.rms.domain.qos;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The DBA-VM allocator: every period it re-divides a host link among the interfaces sharing it.
 * <ol>
 * <li>Demand above an interface's maximum is clipped to the maximum.</li>
 * <li>Minimums that demand needs (the demand, up to the minimum) are served first, most important class
 *     first; when they do not all fit, the least important classes go short, lowest first.</li>
 * <li>Then every interface's floor: an interface whose demand is below its minimum keeps the rest of its
 *     minimum reserved (the paper guarantees the SLA minimum whatever the last measurement was), so it can
 *     ramp up within the period. Served after all needed minimums so an idle reservation never starves a
 *     busy interface's guarantee; served before any surplus, as in the paper, where lower classes give
 *     way down to their minimum but never below.</li>
 * <li>The remaining capacity goes to demand above the minimum in strict class order (the paper browses
 *     the most important class first); within one class max-min fairly.</li>
 * </ol>
 * The result's {@code rate} is the sum of these; {@code ceil} adds, in the same order, the capacity left
 * over, up to each maximum. The sum of ceils never exceeds the link. Contracts are given in creation order,
 * which breaks ties. Pure and deterministic: the same input always gives the same plan.
 */
public final class BandwidthAllocator {

    /**
     * @param link      the shared host link
     * @param contracts the interfaces on the link, in creation order
     * @param demands   measured demand per interface; an interface with no entry is taken as idle
     */
    public AllocationPlan allocate(HostLink link, List<QosContract> contracts, Map<VifId, Demand> demands) {
        Objects.requireNonNull(link, "link");
        List<Demand> demand = demandsInContractOrder(contracts, demands);
        int n = contracts.size();
        int[] classOf = new int[n];
        long[] minimum = new long[n];
        long[] maximum = new long[n];
        long[] want = new long[n];
        long[] need = new long[n];
        for (int i = 0; i < n; i++) {
            QosContract c = contracts.get(i);
            classOf[i] = c.priority().level();
            minimum[i] = c.minimum().kbps();
            maximum[i] = c.maximum().kbps();
            want[i] = Math.min(demand.get(i).bandwidth().kbps(), maximum[i]);
            need[i] = Math.min(want[i], minimum[i]);
        }
        Budget budget = new Budget(link.capacity().kbps(), n);
        budget.serve(classOf, need);
        budget.serve(classOf, difference(minimum, need));
        budget.serve(classOf, difference(want, need));
        long[] rate = budget.granted.clone();
        budget.serve(classOf, difference(maximum, rate));
        long[] packetCap = PacketShare.caps(link.packetLimit(), contracts, demand, classOf);
        List<Allocation> allocations = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            allocations.add(new Allocation(contracts.get(i).id(), Bandwidth.ofKbps(rate[i]),
                    Bandwidth.ofKbps(budget.granted[i]), PacketRate.of(packetCap[i])));
        }
        return new AllocationPlan(allocations);
    }

    private static List<Demand> demandsInContractOrder(List<QosContract> contracts, Map<VifId, Demand> demands) {
        Objects.requireNonNull(contracts, "contracts");
        Objects.requireNonNull(demands, "demands");
        Set<VifId> ids = new HashSet<>();
        List<Demand> ordered = new ArrayList<>(contracts.size());
        for (QosContract contract : contracts) {
            Objects.requireNonNull(contract, "contract");
            if (!ids.add(contract.id())) {
                throw new IllegalArgumentException("interface " + contract.id() + " has two contracts: give each"
                        + " interface exactly one");
            }
            ordered.add(Objects.requireNonNull(demands.getOrDefault(contract.id(), Demand.IDLE), "demand"));
        }
        for (VifId measured : demands.keySet()) {
            if (!ids.contains(measured)) {
                throw new IllegalArgumentException("demand was measured for interface " + measured + ", which has"
                        + " no contract: add its contract or leave it out of the demands");
            }
        }
        return ordered;
    }

    private static long[] difference(long[] a, long[] b) {
        long[] d = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    /** The link capacity still unallocated and what each interface has been granted so far. */
    private static final class Budget {
        private long left;
        private final long[] granted;

        Budget(long capacity, int interfaces) {
            this.left = capacity;
            this.granted = new long[interfaces];
        }

        void serve(int[] classOf, long[] wants) {
            long[] given = PriorityFill.fill(classOf, wants, left);
            for (int i = 0; i < given.length; i++) {
                granted[i] += given[i];
                left -= given[i];
            }
        }
    }
}
