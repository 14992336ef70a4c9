package io.isthmus.rms.domain.qos;

import static io.isthmus.rms.domain.qos.BandwidthAllocatorTest.contract;
import static io.isthmus.rms.domain.qos.BandwidthAllocatorTest.wants;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input is refused with a message that says what to fix. */
class QosInputValidationTest {

    private static final HostLink LINK = HostLink.of(Bandwidth.ofMbps(1000));

    private static void refused(Executable call, String advice) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(advice), () -> "message '" + e.getMessage() + "' lacks '" + advice + "'");
    }

    @Test
    void negativeRatesAreRefused() {
        refused(() -> Bandwidth.ofMbps(-5), "use 0 or more");
        refused(() -> Bandwidth.ofKbps(-1), "is negative");
        refused(() -> PacketRate.of(-10), "is negative");
    }

    @Test
    void aMinimumAboveTheMaximumIsRefused() {
        refused(() -> contract("vnet0", 3, 500, 100), "lower the minimum or raise the maximum");
    }

    @Test
    void aZeroMaximumOrZeroCapacityIsRefused() {
        refused(() -> contract("vnet0", 3, 0, 0), "give it a positive maximum");
        refused(() -> HostLink.of(Bandwidth.ZERO), "give the link's real capacity");
    }

    @Test
    void priorityClassesOutsideZeroToSevenAreRefused() {
        refused(() -> new PriorityClass(8), "use 0 (least important) to 7 (most important)");
        refused(() -> new PriorityClass(-1), "out of range");
    }

    @Test
    void portNamesThatAreNotLinuxInterfaceNamesAreRefused() {
        refused(() -> new VifId("vnet0; rm -rf /"), "not a Linux interface name");
        refused(() -> new VifId("a-name-longer-than-15"), "1 to 15 letters");
        refused(() -> new VifId("-dev"), "not starting with '-'");
        refused(() -> new VifId(".."), "not a Linux interface name");
    }

    @Test
    void demandForAnInterfaceWithoutAContractIsRefused() {
        BandwidthAllocator allocator = new BandwidthAllocator();
        refused(() -> allocator.allocate(LINK, List.of(contract("vnet0", 3, 0, 100)),
                Map.of(new VifId("vnet9"), wants(10))), "vnet9, which has no contract");
    }

    @Test
    void twoContractsForOneInterfaceAreRefused() {
        BandwidthAllocator allocator = new BandwidthAllocator();
        refused(() -> allocator.allocate(LINK, List.of(contract("vnet0", 3, 0, 100), contract("vnet0", 5, 0, 50)),
                Map.of()), "give each interface exactly one");
    }
}
