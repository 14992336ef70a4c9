package io.isthmus.rms.domain.qos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The allocator's guarantees checked over many random hosts (fixed seeds, so a failure replays). */
class BandwidthAllocatorPropertyTest {

    private static final int HOSTS_PER_SEED = 400;
    private final BandwidthAllocator allocator = new BandwidthAllocator();

    /** One random host: link, contracts in creation order and measured demand. */
    private record Host(HostLink link, List<QosContract> contracts, Map<VifId, Demand> demand) {

        long want(int i) {
            QosContract c = contracts.get(i);
            return Math.min(demand.getOrDefault(c.id(), Demand.IDLE).bandwidth().kbps(), c.maximum().kbps());
        }

        long need(int i) {
            return Math.min(want(i), contracts.get(i).minimum().kbps());
        }
    }

    private static Host randomHost(Random random) {
        long capacity = 1 + random.nextInt(2_000_000);
        int n = 1 + random.nextInt(12);
        List<QosContract> contracts = new ArrayList<>();
        Map<VifId, Demand> demand = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            VifId id = new VifId("vnet" + i);
            long max = 1 + random.nextInt((int) Math.min(Integer.MAX_VALUE, capacity));
            long min = random.nextInt(4) == 0 ? 0 : (long) (random.nextDouble() * max);
            PacketRate cap = random.nextBoolean() ? PacketRate.UNLIMITED : PacketRate.of(random.nextInt(200_000));
            contracts.add(new QosContract(id, new PriorityClass(random.nextInt(8)), Bandwidth.ofKbps(min),
                    Bandwidth.ofKbps(max), cap));
            int shape = random.nextInt(5);
            if (shape > 0) {
                long offered = shape == 1 ? 0 : (long) (random.nextDouble() * 2 * max);
                demand.put(id, Demand.of(Bandwidth.ofKbps(offered), random.nextInt(300_000)));
            }
        }
        PacketRate hostPackets = random.nextBoolean() ? PacketRate.UNLIMITED : PacketRate.of(random.nextInt(500_000));
        return new Host(new HostLink(Bandwidth.ofKbps(capacity), hostPackets), contracts, demand);
    }

    private void forEachHost(long seed, java.util.function.BiConsumer<Host, AllocationPlan> check) {
        Random random = new Random(seed);
        for (int run = 0; run < HOSTS_PER_SEED; run++) {
            Host host = randomHost(random);
            check.accept(host, allocator.allocate(host.link(), host.contracts(), host.demand()));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 20240611})
    void neverMoreThanTheLinkInTotalNorMoreThanAMaximumForOne(long seed) {
        forEachHost(seed, (host, plan) -> {
            assertTrue(plan.totalCeil().compareTo(host.link().capacity()) <= 0, () -> "over capacity: " + plan);
            for (int i = 0; i < host.contracts().size(); i++) {
                Allocation a = plan.allocations().get(i);
                assertTrue(a.rate().compareTo(a.ceil()) <= 0, () -> "rate above ceil: " + a);
                assertTrue(a.ceil().compareTo(host.contracts().get(i).maximum()) <= 0, () -> "above max: " + a);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {2, 43, 20240612})
    void minimumsThatDemandNeedsAreHonouredWheneverTheyFit(long seed) {
        forEachHost(seed, (host, plan) -> {
            long needed = 0;
            long floors = 0;
            for (int i = 0; i < host.contracts().size(); i++) {
                needed += host.need(i);
                floors += host.contracts().get(i).minimum().kbps();
            }
            for (int i = 0; i < host.contracts().size(); i++) {
                long rate = plan.allocations().get(i).rate().kbps();
                if (needed <= host.link().capacity().kbps()) {
                    assertTrue(rate >= host.need(i), "needed minimum not served in " + host + " -> " + plan);
                }
                if (floors <= host.link().capacity().kbps()) {
                    assertTrue(rate >= host.contracts().get(i).minimum().kbps(), "floor not kept: " + plan);
                }
            }
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 44, 20240613})
    void aMoreImportantClassLeftShortMeansLesserClassesHaveNothingAboveTheirMinimum(long seed) {
        forEachHost(seed, (host, plan) -> {
            for (int i = 0; i < host.contracts().size(); i++) {
                if (plan.allocations().get(i).rate().kbps() >= host.want(i)) {
                    continue;
                }
                for (int j = 0; j < host.contracts().size(); j++) {
                    QosContract lesser = host.contracts().get(j);
                    if (lesser.priority().compareTo(host.contracts().get(i).priority()) < 0) {
                        assertTrue(plan.allocations().get(j).rate().compareTo(lesser.minimum()) <= 0,
                                "lower class " + lesser + " got surplus while " + host.contracts().get(i)
                                        + " was short: " + plan);
                    }
                }
            }
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 45})
    void noCapacityIsLeftIdleWhileSomeInterfaceIsBelowItsMaximum(long seed) {
        forEachHost(seed, (host, plan) -> {
            long maxima = host.contracts().stream().mapToLong(c -> c.maximum().kbps()).sum();
            assertEquals(Math.min(host.link().capacity().kbps(), maxima), plan.totalCeil().kbps());
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 46})
    void packetCapsStayWithinTheContractAndTheHostLimit(long seed) {
        forEachHost(seed, (host, plan) -> {
            long total = 0;
            for (int i = 0; i < host.contracts().size(); i++) {
                PacketRate cap = plan.allocations().get(i).packetCap();
                assertTrue(cap.compareTo(host.contracts().get(i).packetCap()) <= 0, "above contract cap: " + plan);
                total = Math.min(Long.MAX_VALUE - 1, total + cap.perSecond());
            }
            if (host.link().packetLimit().isLimited()) {
                assertTrue(total <= host.link().packetLimit().perSecond(), "above host packet limit: " + plan);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {6, 47})
    void theSameInputGivesTheSamePlanWhateverTheMapOrder(long seed) {
        forEachHost(seed, (host, plan) -> {
            Map<VifId, Demand> reordered = new HashMap<>();
            List<VifId> ids = new ArrayList<>(host.demand().keySet());
            java.util.Collections.reverse(ids);
            ids.forEach(id -> reordered.put(id, host.demand().get(id)));
            assertEquals(plan, new BandwidthAllocator().allocate(host.link(), host.contracts(), reordered));
            assertEquals(plan, allocator.allocate(host.link(), host.contracts(), host.demand()));
        });
    }
}
