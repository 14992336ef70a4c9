package io.isthmus.rms.infrastructure.qos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.qos.Allocation;
import io.isthmus.rms.domain.qos.Bandwidth;
import io.isthmus.rms.domain.qos.PacketRate;
import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.site.NamespaceName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exact tc argument arrays the driver runs. */
class TcHtbCommandsTest {

    private static final VifId PORT = new VifId("vnet7");

    private static Allocation allocation(long rateKbps, long ceilKbps) {
        return new Allocation(PORT, Bandwidth.ofKbps(rateKbps), Bandwidth.ofKbps(ceilKbps), PacketRate.UNLIMITED);
    }

    @Test
    void shapingIsARootHtbWithAnEnvelopeAtTheCeilAndALeafAtTheRate() {
        TcHtbCommands tc = new TcHtbCommands(Optional.empty());
        List<List<String>> commands = tc.classes(allocation(20_000, 50_000));

        assertEquals(List.of("tc", "qdisc", "replace", "dev", "vnet7", "root", "handle", "1:", "htb", "default", "10"),
                tc.rootQdisc(PORT));
        assertEquals(List.of(
                List.of("tc", "class", "replace", "dev", "vnet7", "parent", "1:", "classid", "1:1", "htb",
                        "rate", "50000kbit", "ceil", "50000kbit", "quantum", "200000"),
                List.of("tc", "class", "replace", "dev", "vnet7", "parent", "1:1", "classid", "1:10", "htb",
                        "rate", "20000kbit", "ceil", "50000kbit", "quantum", "200000")), commands);
    }

    @Test
    void insideANamespaceEveryCommandIsPrefixedWithIpNetnsExec() {
        TcHtbCommands commands = new TcHtbCommands(Optional.of(new NamespaceName("isqt-host1")));

        for (List<String> command : commands.classes(allocation(1_000, 1_000))) {
            assertEquals(List.of("ip", "netns", "exec", "isqt-host1", "tc"), command.subList(0, 5));
        }
        assertEquals(List.of("ip", "netns", "exec", "isqt-host1", "tc", "qdisc", "del", "dev", "vnet7", "root"),
                commands.removeRoot(PORT));
    }

    @Test
    void aStarvedPortIsHeldToTheSmallestRateHtbAcceptsBecauseZeroIsRejected() {
        List<List<String>> commands = new TcHtbCommands(Optional.empty()).classes(allocation(0, 0));

        assertTrue(commands.get(1).containsAll(List.of("rate", "1kbit", "ceil", "1kbit")), commands.toString());
    }

    @Test
    void quantumStaysInsideTheRangeHtbAcceptsSilently() {
        List<List<String>> slow = new TcHtbCommands(Optional.empty()).classes(allocation(64, 64));
        List<List<String>> medium = new TcHtbCommands(Optional.empty()).classes(allocation(8_000, 8_000));

        assertEquals("1514", slow.get(1).get(slow.get(1).size() - 1));
        assertEquals("100000", medium.get(1).get(medium.get(1).size() - 1), "bytes per second over r2q 10");
    }

    @Test
    void onlyOurOwnHtbRootCountsAsAlreadyShaped() {
        assertTrue(TcHtbCommands.hasHtbRoot("qdisc htb 1: root refcnt 2 r2q 10 default 0x10 direct_packets_stat 0\n"));
        assertFalse(TcHtbCommands.hasHtbRoot("qdisc noqueue 0: root refcnt 2\n"));
        assertFalse(TcHtbCommands.hasHtbRoot("qdisc htb 2: root refcnt 2 r2q 10 default 0x1\n"));
    }

    @Test
    void thePacketCapIsAMatchAllU32FilterWithAPacketPolicerFeedingTheLeaf() {
        List<String> police = new TcHtbCommands(Optional.empty()).packetPolicer(PORT, PacketRate.of(20_000));

        assertEquals(List.of("tc", "filter", "replace", "dev", "vnet7", "parent", "1:", "protocol", "all", "prio", "1",
                "handle", "800::800", "u32", "match", "u32", "0", "0", "flowid", "1:10", "action", "police",
                "pkts_rate", "20000", "pkts_burst", "2000", "conform-exceed", "drop/ok"), police);
    }

    @Test
    void anUnlimitedPacketRateNeedsNoPolicer() {
        TcHtbCommands commands = new TcHtbCommands(Optional.empty());
        assertThrows(IllegalArgumentException.class, () -> commands.packetPolicer(PORT, PacketRate.UNLIMITED));
    }

    @Test
    void namespaceNamesThatCouldInjectArgumentsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NamespaceName("-n evil"));
        assertTrue(e.getMessage().contains("starting with a letter, digit or '_'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NamespaceName("ns/../../etc"));
        assertThrows(IllegalArgumentException.class, () -> new NamespaceName(""));
    }
}
