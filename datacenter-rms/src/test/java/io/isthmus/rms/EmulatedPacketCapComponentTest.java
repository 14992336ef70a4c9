package io.isthmus.rms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.isthmus.rms.domain.qos.PacketCapStatus;
import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.reservation.NicQos;
import io.isthmus.rms.domain.reservation.NicSpec;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.qos.Iperf3;
import io.isthmus.rms.infrastructure.segment.EmulatedSite;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packet-rate cap of a NIC with {@code site.dataPlane=emulated}, on real namespaces ({@code isqp…}): three
 * stand-ins on one segment of host a1, VM B's NIC capped at 1000 pkt/s (and 1 Gbit/s), VM C's uncapped; iperf3 UDP
 * with 64-byte datagrams from A measures the packets each receives. On a kernel without tc police the cap is an
 * nftables rule in a1's namespace; terminate and a restart are checked on that rule set. Skipped unless root, with
 * iperf3 and nft installed.
 */
class EmulatedPacketCapComponentTest {

    private static final Logger LOG = System.getLogger(EmulatedPacketCapComponentTest.class.getName());
    private static final HostName A1 = new HostName("a1");
    private static final Vni SEGMENT = new Vni(7402);
    private static final int PREFIX = 24;
    private static final String MAC_A = "52:54:00:7e:00:01";
    private static final String MAC_B = "52:54:00:7e:00:02";
    private static final String MAC_C = "52:54:00:7e:00:03";
    private static final List<String> MACS = List.of(MAC_A, MAC_B, MAC_C);
    private static final String IP_B = "10.75.0.2";
    private static final String IP_C = "10.75.0.3";
    private static final String STALE_PORT = "isvpdeadbeef0";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @TempDir
    Path dataDir;
    private EmulatedSite lan;
    private RmsComponents site;
    private final Instant now = Instant.now();
    private final ReservationId id = TestSite.newReservation();
    private final TransactionId tx = TestSite.newTransaction();

    @BeforeEach
    void buildSiteLan() {
        lan = EmulatedSite.createAsRoot("isqp" + ProcessHandle.current().pid() % 100_000 + COUNTER.incrementAndGet()
                % 10 + "-");
        assumeTrue(lan.runner.run(List.of("nft", "--version")).succeeded(), "nft is not installed");
        Iperf3.assumeInstalled();
    }

    @AfterEach
    void tearDown() {
        if (lan == null) {
            return;
        }
        try {
            ourStandIns().forEach(lan::killProcessesIn);
            if (site != null) {
                site.lifecycle().terminate(id, tx);
                site.close();
            }
        } finally {
            ourStandIns().forEach(lan::killAndDelete);
            lan.close();
        }
    }

    /** The stand-in namespaces that carry this test's MACs (other builds may run stand-ins of their own). */
    private List<String> ourStandIns() {
        return lan.must("ip", "netns", "list").lines().map(l -> l.split(" ", 2)[0])
                .filter(ns -> ns.startsWith("isvm-"))
                .filter(ns -> {
                    CommandResult links = lan.runner.run(List.of("ip", "-n", ns, "-o", "link", "show"));
                    return links.succeeded() && MACS.stream().anyMatch(links.stdout()::contains);
                }).sorted().toList();
    }


    private RmsComponents open() {
        return RmsComponents.open(RmsConfig.fromProperties(lan.emulatedSettings(TestSite.properties(dataDir))),
                new MutableClock(now));
    }

    private static NicSpec nic(String mac, String ipv4, Optional<NicQos> qos) {
        return new NicSpec("lan", SEGMENT, new MacAddress(mac), Optional.of(ipv4), PREFIX, qos);
    }

    private void provisionThreeNodesOnA1() {
        site = open();
        Optional<NicQos> thousandPackets = Optional.of(new NicQos(2, 0, OptionalInt.of(1000), OptionalInt.of(1000)));
        site.holds().prepare(TestSite.prepare(id, tx, now,
                TestSite.node("vm-a", 1, 1024, false, Optional.of("a1"), nic(MAC_A, "10.75.0.1", Optional.empty())),
                TestSite.node("vm-b", 1, 1024, false, Optional.of("a1"), nic(MAC_B, IP_B, thousandPackets)),
                TestSite.node("vm-c", 1, 1024, false, Optional.of("a1"), nic(MAC_C, IP_C, Optional.empty()))));
        site.holds().commit(id, tx);
        site.lifecycle().provision(id, tx);
    }

    private NamespaceName standInOf(String mac) {
        for (String ns : ourStandIns()) {
            if (lan.must("ip", "-n", ns, "-o", "link", "show").contains(mac)) {
                return new NamespaceName(ns);
            }
        }
        throw new AssertionError("no stand-in namespace carries " + mac + ": " + ourStandIns());
    }

    /** The host-side port of a stand-in's NIC 0: {@code isvp<8 hex>0}. */
    private static String hostPortOf(NamespaceName standIn) {
        return "isvp" + standIn.value().substring("isvm-".length()) + "0";
    }

    private String nftTablesOnA1() {
        return lan.in(lan.host1, "nft", "list", "tables");
    }

    /** The packet-cap rules in a1's namespace, one per line, without handles. */
    private List<String> capRulesOnA1() {
        return lan.in(lan.host1, "nft", "list", "chain", "bridge", "isthmus-qos", "portcap").lines()
                .map(String::strip).filter(l -> l.startsWith("oifname")).toList();
    }

    private static String capRule(String port, int packetsPerSecond, int burst) {
        return "oifname \"" + port + "\" limit rate over " + packetsPerSecond + "/second burst " + burst
                + " packets drop";
    }

    @Test
    void aThousandPacketNicReceivesAboutAThousandPacketsASecondWhileAnUncappedOneReceivesFarMore() throws Exception {
        provisionThreeNodesOnA1();
        NamespaceName vmA = standInOf(MAC_A);
        NamespaceName vmB = standInOf(MAC_B);
        NamespaceName vmC = standInOf(MAC_C);
        String portB = hostPortOf(vmB);

        assertEquals(Optional.of(PacketCapStatus.ENFORCED), site.shaping().packetCap(A1, new VifId(portB)));
        boolean nftables = nftTablesOnA1().contains("table bridge isthmus-qos");
        if (nftables) {
            assertEquals(List.of(capRule(portB, 1000, 100)), capRulesOnA1(), "one rule, for B's port only");
        }

        double capped = Iperf3.measureUdpPacketsPerSecond(vmA, vmB, IP_B);
        double uncapped = Iperf3.measureUdpPacketsPerSecond(vmA, vmC, IP_C);
        LOG.log(Level.INFO, "iperf3 UDP, 64-byte datagrams at 20 Mbit/s, between stand-ins on one segment: A->B {0}"
                + " pkt/s received (NIC capped at 1000 pkt/s{1}), A->C {2} pkt/s (no cap)",
                String.format("%.0f", capped), nftables ? " with nftables" : " with tc police",
                String.format("%.0f", uncapped));
        assertTrue(capped >= 800 && capped <= 1200, "A->B received " + capped + " pkt/s, outside 800-1200");
        assertTrue(uncapped > 5000, "A->C received " + uncapped + " pkt/s, not far above the 1000 pkt/s cap");

        site.lifecycle().terminate(id, tx);

        assertFalse(nftTablesOnA1().contains("isthmus-qos"), "no rule and no table is left: " + nftTablesOnA1());
        assertEquals(Optional.empty(), site.shaping().packetCap(A1, new VifId(portB)));
    }

    @Test
    void aRestartPutsTheCapBackAndRemovesTheCapsOfPortsNoContractClaims() throws Exception {
        provisionThreeNodesOnA1();
        assumeTrue(nftTablesOnA1().contains("table bridge isthmus-qos"), "this kernel polices with tc, not nft");
        site.close();
        site = null;
        // As after a reboot of the host while the RMS was down: B's rule is gone, and a rule of a port no contract
        // claims (its VM went while the RMS was down) is there instead.
        lan.in(lan.host1, "nft", "delete", "table", "bridge", "isthmus-qos");
        lan.in(lan.host1, "nft", "add", "table", "bridge", "isthmus-qos", ";", "add", "chain", "bridge",
                "isthmus-qos", "portcap", "{", "type", "filter", "hook", "forward", "priority", "0", ";", "}", ";",
                "add", "rule", "bridge", "isthmus-qos", "portcap", "oifname", "\"" + STALE_PORT + "\"", "limit",
                "rate", "over", "10/second", "burst", "10", "packets", "drop");

        site = open();

        NamespaceName vmB = standInOf(MAC_B);
        String portB = hostPortOf(vmB);
        assertEquals(List.of(capRule(portB, 1000, 100)), capRulesOnA1(), "B's cap is back, the stale one gone");
        assertEquals(Optional.of(PacketCapStatus.ENFORCED), site.shaping().packetCap(A1, new VifId(portB)));
        double capped = Iperf3.measureUdpPacketsPerSecond(standInOf(MAC_A), vmB, IP_B);
        LOG.log(Level.INFO, "after a restart A->B received {0} pkt/s (NIC capped at 1000 pkt/s)",
                String.format("%.0f", capped));
        assertTrue(capped >= 800 && capped <= 1200, "A->B received " + capped + " pkt/s, outside 800-1200");

        site.lifecycle().terminate(id, tx);

        assertFalse(nftTablesOnA1().contains("isthmus-qos"), nftTablesOnA1());
    }
}
