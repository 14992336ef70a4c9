package io.isthmus.rms.domain.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.qos.Bandwidth;
import io.isthmus.rms.domain.qos.PacketRate;
import io.isthmus.rms.domain.qos.QosContract;
import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.InvalidRequestException;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A NIC's bandwidth contract and prefix as the broker sends them, and what the allocator makes of them. */
class NicQosTest {

    private static final VifId PORT = new VifId("isvp1234abcd0");
    private static final Bandwidth LINK = Bandwidth.ofMbps(10_000);

    private static NicQos qos(int priority, int min, Integer max, Integer pps) {
        return new NicQos(priority, min, max == null ? OptionalInt.empty() : OptionalInt.of(max),
                pps == null ? OptionalInt.empty() : OptionalInt.of(pps));
    }

    private static void refused(Executable call, String field, String advice) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, call);
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains(advice), () -> "message '" + e.getMessage() + "' lacks '" + advice + "'");
    }

    @Test
    void theContractsHighestPriorityIsTheAllocatorsMostImportantClass() {
        assertEquals(7, qos(0, 0, 50, null).priorityClass().level());
        assertEquals(0, qos(7, 0, 50, null).priorityClass().level());
        assertEquals(5, qos(2, 0, 50, null).priorityClass().level());
    }

    @Test
    void aFullContractBecomesTheAllocatorsContractForThePort() {
        QosContract contract = qos(1, 20, 50, 30_000).contractFor(PORT, LINK);

        assertEquals(PORT, contract.id());
        assertEquals(6, contract.priority().level());
        assertEquals(Bandwidth.ofMbps(20), contract.minimum());
        assertEquals(Bandwidth.ofMbps(50), contract.maximum());
        assertEquals(PacketRate.of(30_000), contract.packetCap());
    }

    @Test
    void withoutMaximumTheNicMayUseTheWholeHostLinkAndWithoutPacketCapAnyRate() {
        QosContract contract = qos(3, 100, null, null).contractFor(PORT, LINK);

        assertEquals(LINK, contract.maximum());
        assertEquals(PacketRate.UNLIMITED, contract.packetCap());
        assertEquals(Bandwidth.ofMbps(2000), qos(3, 2000, null, null).contractFor(PORT, Bandwidth.ofMbps(1000))
                .maximum(), "a minimum above the link stays a valid contract: its maximum is the minimum");
    }

    @Test
    void valuesOutsideTheContractAreRefusedNamingTheFieldAndWhatToGive() {
        refused(() -> qos(-1, 0, 50, null), "nic.qos.priority", "use 0 (highest) to 7 (lowest)");
        refused(() -> qos(8, 0, 50, null), "nic.qos.priority", "use 0 (highest) to 7 (lowest)");
        refused(() -> qos(0, -5, 50, null), "nic.qos.minMbps", "is negative");
        refused(() -> qos(0, 0, 0, null), "nic.qos.maxMbps", "give maxMbps at least 1");
        refused(() -> qos(0, 80, 50, null), "nic.qos.maxMbps", "below minMbps 80: give maxMbps at least 80");
        refused(() -> qos(0, 0, 50, 0), "nic.qos.maxPacketsPerSecond", "give at least 1");
        assertEquals(OptionalInt.of(80), qos(0, 80, 80, 1).maxMbps(), "max equal to min and a 1 pkt/s cap are fine");
    }

    @Test
    void aNicCarriesItsSegmentsPrefixAndDefaultsToTwentyFour() {
        MacAddress mac = new MacAddress("52:54:00:00:00:01");
        NicSpec wide = new NicSpec("lan", new Vni(10), mac, Optional.of("10.1.2.3"), 16, Optional.empty());
        NicSpec plain = new NicSpec("lan", new Vni(10), mac, Optional.of("10.1.2.3"));

        assertEquals("10.1.2.3/16", wide.ipv4Interface().orElseThrow().toString());
        assertEquals("10.1.2.3/24", plain.ipv4Interface().orElseThrow().toString());
        assertEquals(Optional.empty(), new NicSpec("lan", new Vni(10), mac, Optional.empty()).ipv4Interface());
        refused(() -> new NicSpec("lan", new Vni(10), mac, Optional.of("10.1.2.3"), 31, Optional.empty()),
                "nic.prefixLength", "use 8..30");
        refused(() -> new NicSpec("lan", new Vni(10), mac, Optional.of("10.1.2.3"), 7, Optional.empty()),
                "nic.prefixLength", "use 8..30");
    }
}
