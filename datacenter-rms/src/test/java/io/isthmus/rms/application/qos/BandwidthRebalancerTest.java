package io.isthmus.rms.application.qos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.qos.Allocation;
import io.isthmus.rms.domain.qos.Bandwidth;
import io.isthmus.rms.domain.qos.HostLink;
import io.isthmus.rms.domain.qos.PacketCapStatus;
import io.isthmus.rms.domain.qos.PacketRate;
import io.isthmus.rms.domain.qos.PriorityClass;
import io.isthmus.rms.domain.qos.QosContract;
import io.isthmus.rms.domain.qos.QosException;
import io.isthmus.rms.domain.qos.VifId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One period at a time (tick), with a scripted sampler and a recording driver. */
class BandwidthRebalancerTest {

    private final ScriptedDemandSampler sampler = new ScriptedDemandSampler();
    private final RecordingQosDriver driver = new RecordingQosDriver();
    private final BandwidthRebalancer rebalancer =
            new BandwidthRebalancer(HostLink.of(Bandwidth.ofMbps(1000)), sampler, driver);

    private static QosContract contract(String port, int priority, long minMbps, long maxMbps) {
        return QosContract.of(new VifId(port), priority, Bandwidth.ofMbps(minMbps), Bandwidth.ofMbps(maxMbps));
    }

    @Test
    void theFirstPeriodShapesEveryRegisteredPort() {
        rebalancer.register(contract("vnet0", 5, 700, 1000));
        rebalancer.register(contract("vnet1", 3, 150, 1000));
        sampler.set("vnet0", 1000);
        sampler.set("vnet1", 1000);

        rebalancer.tick();

        assertEquals(List.of("apply vnet0 850/850", "apply vnet1 150/150"), driver.calls);
    }

    @Test
    void aPeriodWithUnchangedDemandTouchesNoPort() {
        rebalancer.register(contract("vnet0", 5, 100, 500));
        sampler.set("vnet0", 300);
        rebalancer.tick();
        driver.calls.clear();

        rebalancer.tick();

        assertTrue(driver.calls.isEmpty(), driver.calls.toString());
    }

    @Test
    void onlyThePortsWhoseAllocationChangedAreReapplied() {
        rebalancer.register(contract("gold", 7, 100, 400));
        rebalancer.register(contract("bronze", 1, 100, 1000));
        sampler.set("gold", 400);
        sampler.set("bronze", 300);
        rebalancer.tick();
        driver.calls.clear();

        sampler.set("bronze", 900);
        rebalancer.tick();

        assertEquals(List.of("apply bronze 600/600"), driver.calls, "gold stays at its maximum, untouched");
    }

    @Test
    void anUnregisteredPortIsUnshapedOnTheNextPeriodAndItsShareGoesToTheOthers() {
        rebalancer.register(contract("vnet0", 3, 0, 1000));
        rebalancer.register(contract("vnet1", 3, 0, 1000));
        sampler.set("vnet0", 1000);
        sampler.set("vnet1", 1000);
        rebalancer.tick();
        driver.calls.clear();

        rebalancer.unregister(new VifId("vnet1"));
        rebalancer.tick();

        assertEquals(List.of("remove vnet1", "apply vnet0 1000/1000"), driver.calls);
        assertEquals(Map.of(new VifId("vnet0"), driver.shaped.get(new VifId("vnet0"))), driver.shaped);
    }

    @Test
    void demandMeasuredOnAPortWithoutContractIsIgnored() {
        rebalancer.register(contract("vnet0", 3, 0, 1000));
        sampler.set("vnet0", 200);
        sampler.set("stray0", 900);

        rebalancer.tick();

        assertEquals(List.of("apply vnet0 200/1000"), driver.calls);
    }

    @Test
    void aPortTheDriverRefusesIsRetriedNextPeriodWhileTheOthersAreShaped() {
        rebalancer.register(contract("vnet0", 3, 0, 500));
        rebalancer.register(contract("vnet1", 3, 0, 500));
        driver.refuse("vnet1");

        rebalancer.tick();
        assertEquals(List.of(new VifId("vnet0")), List.copyOf(driver.shaped.keySet()));

        driver.accept("vnet1");
        driver.calls.clear();
        rebalancer.tick();
        assertEquals(List.of("apply vnet1 0/500"), driver.calls);
    }

    @Test
    void aFailedSampleKeepsTheCurrentShapingForThatPeriod() {
        rebalancer.register(contract("vnet0", 3, 0, 500));
        sampler.set("vnet0", 100);
        rebalancer.tick();
        driver.calls.clear();

        sampler.set("vnet0", 400);
        sampler.failNextSample();
        assertTrue(rebalancer.tick().allocations().isEmpty());
        assertTrue(driver.calls.isEmpty());

        rebalancer.tick();
        assertEquals(List.of("apply vnet0 400/500"), driver.calls);
    }

    @Test
    void theScheduleRunsPeriodsUntilClosedAndThenStops() throws InterruptedException {
        CountDownLatch twoPeriods = new CountDownLatch(2);
        BandwidthRebalancer counted = new BandwidthRebalancer(HostLink.of(Bandwidth.ofMbps(1000)), ports -> {
            twoPeriods.countDown();
            return sampler.sample(ports);
        }, driver);
        counted.register(contract("vnet0", 3, 0, 500));

        RebalancerSchedule schedule = RebalancerSchedule.start(counted, Duration.ofMillis(10), "a1");
        assertTrue(twoPeriods.await(30, TimeUnit.SECONDS), "two periods should have run");
        schedule.close();

        assertFalse(schedule.isRunning());
        assertTrue(driver.shaped.containsKey(new VifId("vnet0")));
    }

    @Test
    void aPeriodThatIsNotPositiveIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RebalancerSchedule.start(rebalancer, Duration.ZERO, "a1"));
        assertTrue(e.getMessage().contains("must be positive"), e.getMessage());
    }

    @Test
    void admitShapesThePortAtOnceWithTheDemandOfTheLastPeriod() {
        rebalancer.register(contract("busy", 3, 0, 1000));
        sampler.set("busy", 700);
        rebalancer.tick();
        driver.calls.clear();

        Allocation admitted = rebalancer.admit(contract("late", 3, 100, 1000));

        assertEquals(Bandwidth.ofMbps(100), admitted.rate(), "its minimum is reserved at once");
        assertEquals(Bandwidth.ofMbps(200), admitted.ceil(), "the 700 the busy port measured stay its own; the"
                + " 200 nobody asked for are shared in its class");
        assertEquals(List.of("apply late 100/200", "apply busy 700/800"), driver.calls);
        assertEquals(1, sampler.samples(), "no extra sample");
    }

    @Test
    void aPortThatCannotBeAdmittedIsNotRegistered() {
        driver.refuse("vnet0");

        assertThrows(QosException.class, () -> rebalancer.admit(contract("vnet0", 3, 0, 100)));

        assertEquals(List.of(), rebalancer.contracts());
        assertEquals(Map.of(), rebalancer.applied());
    }

    @Test
    void aWithdrawThatCannotRemoveTheShapingFailsAndIsRetriedNextPeriod() {
        rebalancer.admit(contract("vnet0", 3, 0, 100));
        driver.refuse("vnet0");

        assertThrows(QosException.class, () -> rebalancer.withdraw(new VifId("vnet0")));
        assertEquals(List.of(), rebalancer.contracts(), "the contract is gone either way");

        driver.accept("vnet0");
        driver.calls.clear();
        rebalancer.tick();
        assertEquals(List.of("remove vnet0"), driver.calls);
        assertFalse(driver.shaped.containsKey(new VifId("vnet0")));
    }

    @Test
    void aRestartRemovesWhatUnclaimedPortsLeftThenShapesTheRegisteredOnes() {
        rebalancer.register(contract("vnet1", 3, 0, 100));
        rebalancer.register(new QosContract(new VifId("vnet0"), new PriorityClass(3), Bandwidth.ZERO,
                Bandwidth.ofMbps(100), PacketRate.of(1000)));

        rebalancer.restore();

        assertEquals(List.of("retainOnly [vnet0, vnet1]", "apply vnet1 0/100", "apply vnet0 0/100"), driver.calls);
        assertEquals(Optional.of(PacketCapStatus.ENFORCED), rebalancer.packetCap(new VifId("vnet0")));
        assertEquals(Optional.of(PacketCapStatus.NOT_REQUESTED), rebalancer.packetCap(new VifId("vnet1")));
        assertEquals(1, sampler.samples(), "one period ran");
    }

    @Test
    void aRestartWithoutContractsOnlyRemovesLeftoversAndAFailedCleanupDoesNotStopIt() {
        rebalancer.restore();
        assertEquals(List.of("retainOnly []"), driver.calls);
        assertEquals(0, sampler.samples(), "nothing to shape, nothing sampled");

        driver.refuseCleanup();
        rebalancer.register(contract("vnet0", 3, 0, 100));
        driver.calls.clear();
        rebalancer.restore();
        assertEquals(List.of("retainOnly [vnet0]", "apply vnet0 0/100"), driver.calls);
    }

    @Test
    void withdrawingAPortForgetsItsPacketCapStatus() {
        rebalancer.admit(new QosContract(new VifId("vnet0"), new PriorityClass(3), Bandwidth.ZERO,
                Bandwidth.ofMbps(100), PacketRate.of(1000)));
        assertEquals(Optional.of(PacketCapStatus.ENFORCED), rebalancer.packetCap(new VifId("vnet0")));

        rebalancer.withdraw(new VifId("vnet0"));

        assertEquals(Optional.empty(), rebalancer.packetCap(new VifId("vnet0")));
    }
}
