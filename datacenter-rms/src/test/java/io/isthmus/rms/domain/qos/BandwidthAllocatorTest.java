package io.isthmus.rms.domain.qos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DBA-VM paper's scenarios and each rule of the allocator, on small hand-checked inputs (Mbit/s). */
class BandwidthAllocatorTest {

    private static final HostLink GIGABIT = HostLink.of(Bandwidth.ofMbps(1000));
    private final BandwidthAllocator allocator = new BandwidthAllocator();

    static QosContract contract(String id, int priority, long minMbps, long maxMbps) {
        return QosContract.of(new VifId(id), priority, Bandwidth.ofMbps(minMbps), Bandwidth.ofMbps(maxMbps));
    }

    static Demand wants(long mbps) {
        return Demand.of(Bandwidth.ofMbps(mbps), mbps * 1000 / 12);
    }

    private static long rateMbps(AllocationPlan plan, String id) {
        return plan.find(new VifId(id)).orElseThrow().rate().kbps() / 1000;
    }

    private static long ceilMbps(AllocationPlan plan, String id) {
        return plan.find(new VifId(id)).orElseThrow().ceil().kbps() / 1000;
    }

    @Test
    void paperScenarioThreeVmsFloodingAGigabitNicGetTheirSlaInsteadOfAnEqualThird() {
        // Section III: VM1 and VM3 require 150 Mbit/s, VM2 700 Mbit/s; each sends 1 Gbit/s.
        List<QosContract> slas = List.of(
                new QosContract(new VifId("vif1"), new PriorityClass(3), Bandwidth.ofMbps(150), Bandwidth.ofMbps(1000),
                        PacketRate.of(20_000)),
                new QosContract(new VifId("vif2"), new PriorityClass(5), Bandwidth.ofMbps(700), Bandwidth.ofMbps(1000),
                        PacketRate.of(60_000)),
                new QosContract(new VifId("vif3"), new PriorityClass(3), Bandwidth.ofMbps(150), Bandwidth.ofMbps(1000),
                        PacketRate.of(60_000)));
        Map<VifId, Demand> flood = Map.of(new VifId("vif1"), wants(1000), new VifId("vif2"), wants(1000),
                new VifId("vif3"), wants(1000));

        AllocationPlan plan = allocator.allocate(GIGABIT, slas, flood);

        assertEquals(List.of(150L, 700L, 150L), List.of(rateMbps(plan, "vif1"), rateMbps(plan, "vif2"),
                rateMbps(plan, "vif3")));
        assertEquals(Bandwidth.ofMbps(1000), plan.totalCeil());
        assertEquals(List.of(PacketRate.of(20_000), PacketRate.of(60_000), PacketRate.of(60_000)),
                plan.allocations().stream().map(Allocation::packetCap).toList());
    }

    @Test
    void demandAboveTheMaximumIsClippedToTheMaximum() {
        AllocationPlan plan = allocator.allocate(GIGABIT, List.of(contract("a", 3, 0, 300)),
                Map.of(new VifId("a"), wants(800)));

        assertEquals(300, rateMbps(plan, "a"));
        assertEquals(300, ceilMbps(plan, "a"));
    }

    @Test
    void aBusyInterfaceUnderItsMinimumIsToppedUpFromSpareCapacity() {
        AllocationPlan plan = allocator.allocate(GIGABIT,
                List.of(contract("a", 1, 200, 400), contract("b", 1, 0, 1000)),
                Map.of(new VifId("a"), wants(150), new VifId("b"), wants(300)));

        assertEquals(200, rateMbps(plan, "a"));
        assertEquals(300, rateMbps(plan, "b"));
    }

    @Test
    void aNewHighClassMinimumIsTakenFromTheLowestClassFirstThenTheNext() {
        List<QosContract> host = List.of(contract("video", 7, 400, 1000), contract("web", 3, 100, 1000),
                contract("batch", 1, 100, 1000));
        Map<VifId, Demand> all = Map.of(new VifId("video"), wants(400), new VifId("web"), wants(1000),
                new VifId("batch"), wants(1000));

        AllocationPlan plan = allocator.allocate(GIGABIT, host, all);

        assertEquals(List.of(400L, 500L, 100L), List.of(rateMbps(plan, "video"), rateMbps(plan, "web"),
                rateMbps(plan, "batch")), "batch gives way down to its minimum, web keeps the surplus");

        List<QosContract> bigger = List.of(contract("video", 7, 800, 1000), contract("web", 3, 100, 1000),
                contract("batch", 1, 100, 1000));
        Map<VifId, Demand> videoBusier = Map.of(new VifId("video"), wants(800), new VifId("web"), wants(1000),
                new VifId("batch"), wants(1000));
        AllocationPlan squeezed = allocator.allocate(GIGABIT, bigger, videoBusier);

        assertEquals(List.of(800L, 100L, 100L), List.of(rateMbps(squeezed, "video"), rateMbps(squeezed, "web"),
                rateMbps(squeezed, "batch")), "both lower classes are down to their minimum, none below");
    }

    @Test
    void whenMinimumsCannotAllFitTheLeastImportantClassGoesShortFirst() {
        AllocationPlan plan = allocator.allocate(GIGABIT,
                List.of(contract("gold", 7, 800, 1000), contract("silver", 3, 300, 1000),
                        contract("bronze", 1, 300, 1000)),
                Map.of(new VifId("gold"), wants(1000), new VifId("silver"), wants(1000), new VifId("bronze"),
                        wants(1000)));

        assertEquals(List.of(800L, 200L, 0L), List.of(rateMbps(plan, "gold"), rateMbps(plan, "silver"),
                rateMbps(plan, "bronze")));
    }

    @Test
    void surplusGoesToTheMoreImportantClassBeforeALesserOneGetsAnything() {
        AllocationPlan plan = allocator.allocate(GIGABIT,
                List.of(contract("low", 2, 100, 1000), contract("high", 6, 100, 700)),
                Map.of(new VifId("low"), wants(1000), new VifId("high"), wants(1000)));

        assertEquals(700, rateMbps(plan, "high"), "high reaches its maximum");
        assertEquals(300, rateMbps(plan, "low"), "low gets its minimum and what high could not use");
    }

    @Test
    void oneClassSharesContendedSurplusMaxMinFairly() {
        AllocationPlan plan = allocator.allocate(GIGABIT,
                List.of(contract("a", 4, 0, 1000), contract("b", 4, 0, 1000), contract("c", 4, 0, 1000)),
                Map.of(new VifId("a"), wants(100), new VifId("b"), wants(600), new VifId("c"), wants(900)));

        assertEquals(List.of(100L, 450L, 450L), List.of(rateMbps(plan, "a"), rateMbps(plan, "b"),
                rateMbps(plan, "c")));
    }

    @Test
    void anIndivisibleRemainderGoesToTheFirstCreatedInterface() {
        HostLink oddLink = HostLink.of(Bandwidth.ofKbps(1000));
        AllocationPlan plan = allocator.allocate(oddLink,
                List.of(contract("first", 4, 0, 1), contract("second", 4, 0, 1), contract("third", 4, 0, 1)),
                Map.of(new VifId("first"), wants(1), new VifId("second"), wants(1), new VifId("third"), wants(1)));

        assertEquals(List.of(334L, 333L, 333L), plan.allocations().stream().map(a -> a.rate().kbps()).toList());
    }

    @Test
    void anIdleInterfaceKeepsItsMinimumAsAFloorEvenAgainstAMoreImportantOne() {
        AllocationPlan plan = allocator.allocate(GIGABIT,
                List.of(contract("idle", 1, 300, 500), contract("busy", 7, 0, 1000)),
                Map.of(new VifId("busy"), wants(1000)));

        assertEquals(300, rateMbps(plan, "idle"), "its guaranteed minimum stays reserved");
        assertEquals(700, rateMbps(plan, "busy"));
    }

    @Test
    void idleFloorsGiveWayToMinimumsThatDemandNeeds() {
        AllocationPlan plan = allocator.allocate(GIGABIT,
                List.of(contract("idle-gold", 7, 600, 1000), contract("busy-bronze", 1, 600, 1000)),
                Map.of(new VifId("busy-bronze"), wants(600)));

        assertEquals(600, rateMbps(plan, "busy-bronze"));
        assertEquals(400, rateMbps(plan, "idle-gold"));
    }

    @Test
    void capacityNobodyAskedForBecomesCeilingHeadroomByPriorityUpToEachMaximum() {
        AllocationPlan plan = allocator.allocate(GIGABIT,
                List.of(contract("low", 1, 0, 1000), contract("high", 7, 0, 500)),
                Map.of(new VifId("low"), wants(100), new VifId("high"), wants(100)));

        assertEquals(List.of(100L, 100L), List.of(rateMbps(plan, "low"), rateMbps(plan, "high")));
        assertEquals(500, ceilMbps(plan, "high"), "high may grow to its maximum");
        assertEquals(500, ceilMbps(plan, "low"), "low gets the rest");
    }

    @Test
    void anInterfaceWithoutMeasuredDemandIsTreatedAsIdle() {
        AllocationPlan plan = allocator.allocate(GIGABIT, List.of(contract("a", 3, 50, 100)), Map.of());

        assertEquals(50, rateMbps(plan, "a"));
        assertEquals(100, ceilMbps(plan, "a"));
    }

    @Test
    void noInterfacesGiveAnEmptyPlan() {
        assertTrue(allocator.allocate(GIGABIT, List.of(), Map.of()).allocations().isEmpty());
    }

    @Test
    void aHostPacketLimitIsSharedByPriorityWithinEachContractCap() {
        HostLink limited = new HostLink(Bandwidth.ofMbps(1000), PacketRate.of(100_000));
        List<QosContract> contracts = List.of(
                new QosContract(new VifId("low"), new PriorityClass(1), Bandwidth.ZERO, Bandwidth.ofMbps(500),
                        PacketRate.of(60_000)),
                new QosContract(new VifId("high"), new PriorityClass(7), Bandwidth.ZERO, Bandwidth.ofMbps(500),
                        PacketRate.of(80_000)));
        Map<VifId, Demand> demand = Map.of(new VifId("low"), Demand.of(Bandwidth.ofMbps(100), 50_000),
                new VifId("high"), Demand.of(Bandwidth.ofMbps(100), 70_000));

        AllocationPlan plan = allocator.allocate(limited, contracts, demand);

        assertEquals(List.of(PacketRate.of(30_000), PacketRate.of(70_000)),
                plan.allocations().stream().map(Allocation::packetCap).toList());
    }

    @Test
    void spareHostPacketBudgetRaisesCapsTowardsTheContractButNotBeyond() {
        HostLink limited = new HostLink(Bandwidth.ofMbps(1000), PacketRate.of(100_000));
        List<QosContract> contracts = List.of(
                new QosContract(new VifId("capped"), new PriorityClass(7), Bandwidth.ZERO, Bandwidth.ofMbps(500),
                        PacketRate.of(20_000)),
                QosContract.of(new VifId("open"), 1, Bandwidth.ZERO, Bandwidth.ofMbps(500)));

        AllocationPlan plan = allocator.allocate(limited, contracts, Map.of());

        assertEquals(List.of(PacketRate.of(20_000), PacketRate.of(80_000)),
                plan.allocations().stream().map(Allocation::packetCap).toList());
    }
}
