package io.isthmus.rms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.reservation.NicQos;
import io.isthmus.rms.domain.reservation.NicSpec;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.segment.SegmentException;
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
 * NIC shaping of the RMS with {@code site.dataPlane=emulated}, on real namespaces ({@code isqc…}): three stand-ins
 * on one segment of host a1, VM B's NIC capped at 50 Mbit/s, VM C's unshaped; iperf3 from A measures both, and
 * terminate, a failed provision and a restart are checked on the ports themselves. Skipped unless root.
 */
class EmulatedQosComponentTest {

    private static final Logger LOG = System.getLogger(EmulatedQosComponentTest.class.getName());
    private static final Vni SEGMENT = new Vni(7401);
    private static final int PREFIX = 20;
    private static final String MAC_A = "52:54:00:7f:00:01";
    private static final String MAC_B = "52:54:00:7f:00:02";
    private static final String MAC_C = "52:54:00:7f:00:03";
    private static final String IP_B = "10.74.0.2";
    private static final String IP_C = "10.74.0.3";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @TempDir
    Path dataDir;
    private EmulatedSite lan;
    private RmsComponents site;
    private List<String> standInsBefore;
    private final Instant now = Instant.now();
    private final MutableClock clock = new MutableClock(now);
    private final ReservationId id = TestSite.newReservation();
    private final TransactionId tx = TestSite.newTransaction();

    @BeforeEach
    void buildSiteLan() {
        lan = EmulatedSite.createAsRoot("isqc" + ProcessHandle.current().pid() % 100_000 + COUNTER.incrementAndGet()
                % 10 + "-");
        standInsBefore = lan.standInNamespaces();
    }

    @AfterEach
    void tearDown() {
        if (lan == null) {
            return;
        }
        try {
            lan.standInNamespaces().stream().filter(ns -> !standInsBefore.contains(ns)).forEach(lan::killProcessesIn);
            if (site != null) {
                site.lifecycle().terminate(id, tx);
                site.close();
            }
        } finally {
            lan.standInNamespaces().stream().filter(ns -> !standInsBefore.contains(ns))
                    .forEach(lan::killAndDelete);
            lan.close();
        }
    }



    private RmsComponents open() {
        return RmsComponents.open(RmsConfig.fromProperties(lan.emulatedSettings(TestSite.properties(dataDir))),
                clock);
    }

    private static NicSpec nic(String mac, String ipv4, Optional<NicQos> qos) {
        return new NicSpec("lan", SEGMENT, new MacAddress(mac), Optional.of(ipv4), PREFIX, qos);
    }

    private static Optional<NicQos> maxFiftyMegabit() {
        return Optional.of(new NicQos(2, 0, OptionalInt.of(50), OptionalInt.empty()));
    }

    private void provisionThreeNodesOnA1() {
        if (site == null) {
            site = open();
        }
        site.holds().prepare(TestSite.prepare(id, tx, now,
                TestSite.node("vm-a", 1, 1024, false, Optional.of("a1"), nic(MAC_A, "10.74.0.1", Optional.empty())),
                TestSite.node("vm-b", 1, 1024, false, Optional.of("a1"), nic(MAC_B, IP_B, maxFiftyMegabit())),
                TestSite.node("vm-c", 1, 1024, false, Optional.of("a1"), nic(MAC_C, IP_C, Optional.empty()))));
        site.holds().commit(id, tx);
        site.lifecycle().provision(id, tx);
    }



    /** The host-side port of a stand-in's NIC 0: {@code isvp<8 hex>0}. */
    private static String hostPortOf(String standIn) {
        return "isvp" + standIn.substring("isvm-".length()) + "0";
    }

    private String tcOnA1(String what, String port) {
        return lan.in(lan.host1, "tc", what, "show", "dev", port);
    }

    @Test
    void aFiftyMegabitNicMeasuresFortyFiveToFiftyFiveWhileAnUnshapedOneExceedsItAndTerminateLeavesNothing()
            throws Exception {
        Iperf3.assumeInstalled();
        List<String> host1Before = lan.isthmusLinks(lan.host1);
        provisionThreeNodesOnA1();
        String vmA = lan.standInOf(MAC_A);
        String vmB = lan.standInOf(MAC_B);
        String vmC = lan.standInOf(MAC_C);
        String portB = hostPortOf(vmB);

        assertTrue(lan.must("ip", "-n", vmB, "-o", "-4", "addr", "show", "dev", "eth0").contains(IP_B + "/" + PREFIX),
                "the stand-in carries the segment's real prefix");
        assertTrue(tcOnA1("class", portB).contains("class htb 1:1 root rate 50Mbit ceil 50Mbit"),
                tcOnA1("class", portB));
        assertFalse(tcOnA1("qdisc", hostPortOf(vmC)).contains("htb"), "C has no contract and is not shaped");

        double shaped = Iperf3.measureMbps(new NamespaceName(vmA), new NamespaceName(vmB), IP_B);
        double unshaped = Iperf3.measureMbps(new NamespaceName(vmA), new NamespaceName(vmC), IP_C);
        LOG.log(Level.INFO, "iperf3 between stand-ins on one segment: A->B {0} Mbit/s (NIC qos max 50), A->C {1}"
                + " Mbit/s (no qos)", String.format("%.1f", shaped), String.format("%.1f", unshaped));
        assertTrue(shaped >= 45 && shaped <= 55, "A->B measured " + shaped + " Mbit/s, outside 45-55");
        assertTrue(unshaped > 55, "A->C measured " + unshaped + " Mbit/s, not above the 50 Mbit/s cap");

        site.lifecycle().terminate(id, tx);

        CommandResult gone = lan.runner.run(List.of("ip", "netns", "exec", lan.host1.value(), "tc", "qdisc", "show",
                "dev", portB));
        assertTrue(!gone.succeeded() && gone.stderr().contains("Cannot find device"), "port and qdisc are gone: "
                + gone.describe());
        assertEquals(standInsBefore, lan.standInNamespaces(), "no isvm- namespace is left");
        assertEquals(host1Before, lan.isthmusLinks(lan.host1));
        assertEquals(List.of(), site.shaping().contracts(new HostName("a1")), "the contract is withdrawn");
    }

    @Test
    void aBookingTheBrokerLeftPastItsWindowAndGraceLosesItsShapingWhenTheSiteTearsItDown() {
        List<String> host1Before = lan.isthmusLinks(lan.host1);
        provisionThreeNodesOnA1();
        String portB = hostPortOf(lan.standInOf(MAC_B));
        assertTrue(tcOnA1("class", portB).contains("rate 50Mbit ceil 50Mbit"), tcOnA1("class", portB));

        clock.advance(java.time.Duration.between(now, TestSite.window(now).end()).plusSeconds(60));
        assertEquals(1, site.overdue().tearDownOverdue());

        assertEquals(List.of(), site.shaping().contracts(new HostName("a1")), "the contract is withdrawn");
        CommandResult gone = lan.runner.run(List.of("ip", "netns", "exec", lan.host1.value(), "tc", "qdisc", "show",
                "dev", portB));
        assertTrue(!gone.succeeded() && gone.stderr().contains("Cannot find device"), "port and qdisc are gone: "
                + gone.describe());
        assertEquals(standInsBefore, lan.standInNamespaces(), "no isvm- namespace is left");
        assertEquals(host1Before, lan.isthmusLinks(lan.host1));
    }

    @Test
    void releaseRemovesTheShapingAndProvisioningAgainPutsItBack() {
        provisionThreeNodesOnA1();

        site.lifecycle().release(id, tx);

        assertFalse(lan.standInNamespaces().stream().anyMatch(ns -> !standInsBefore.contains(ns)),
                "stand-ins released");
        assertEquals(List.of(), site.shaping().contracts(new HostName("a1")));

        site.lifecycle().provision(id, tx);

        String portB = hostPortOf(lan.standInOf(MAC_B));
        assertTrue(tcOnA1("class", portB).contains("rate 50Mbit ceil 50Mbit"), tcOnA1("class", portB));
    }

    @Test
    void aRestartedRmsShapesTheProvisionedNicAgain() {
        provisionThreeNodesOnA1();
        site.close();
        site = null;
        // The port goes with its namespace, and its shaping with it: only the restart can bring both back.
        lan.must("ip", "netns", "del", lan.standInOf(MAC_B));

        site = open();

        String portB = hostPortOf(lan.standInOf(MAC_B));
        String classes = tcOnA1("class", portB);
        assertTrue(classes.contains("class htb 1:1 root rate 50Mbit ceil 50Mbit"), classes);
        assertFalse(tcOnA1("qdisc", hostPortOf(lan.standInOf(MAC_C))).contains("htb"), "C stays unshaped");
        assertEquals(1, site.shaping().contracts(new HostName("a1")).size());
    }

    @Test
    void aFailedProvisionRemovesTheShapingItApplied() {
        site = open();
        List<String> host1Before = lan.isthmusLinks(lan.host1);
        lan.in(lan.host2, "ip", "link", "add", "isbr" + SEGMENT, "type", "veth", "peer", "name", "isqc-peer");

        assertThrows(SegmentException.class, () -> {
            site.holds().prepare(TestSite.prepare(id, tx, now,
                    TestSite.node("vm-b", 1, 1024, false, Optional.of("a1"), nic(MAC_B, IP_B, maxFiftyMegabit())),
                    TestSite.node("vm-x", 1, 1024, false, Optional.of("a2"), nic(MAC_C, IP_C, maxFiftyMegabit()))));
            site.holds().commit(id, tx);
            site.lifecycle().provision(id, tx);
        });

        assertEquals(standInsBefore, lan.standInNamespaces(), "vm-b's stand-in and its shaped port were rolled back");
        assertEquals(host1Before, lan.isthmusLinks(lan.host1));
        assertEquals(List.of(), site.shaping().contracts(new HostName("a1")), "vm-b's contract is withdrawn");
        assertEquals(List.of(), site.shaping().contracts(new HostName("a2")));
    }
}
