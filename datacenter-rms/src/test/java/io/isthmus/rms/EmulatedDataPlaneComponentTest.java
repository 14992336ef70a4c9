package io.isthmus.rms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.reservation.BookingState;
import io.isthmus.rms.domain.reservation.NicSpec;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.segment.SegmentException;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.segment.EmulatedSite;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RMS with {@code site.dataPlane=emulated} on two hosts that are real network namespaces ({@code isrw-…}) on
 * a site LAN with a stand-in gateway: provisioned nodes really reach each other, terminate leaves nothing, and a
 * restart reconciles orphans away. Skipped unless root.
 */
class EmulatedDataPlaneComponentTest {

    private static final Vni LAN = new Vni(7301);
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
        lan = EmulatedSite.createAsRoot("isrw" + ProcessHandle.current().pid() % 100_000 + COUNTER.incrementAndGet()
                % 10 + "-");
        lan.gatewayCarries(LAN);
        standInsBefore = lan.standInNamespaces();
    }

    @AfterEach
    void tearDown() {
        if (lan == null) {
            return;
        }
        try {
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


    private static NicSpec nic(String mac, String ipv4) {
        return new NicSpec("lan", LAN, new MacAddress(mac), Optional.of(ipv4));
    }

    private void provisionTwoNodesOnTwoHosts() {
        if (site == null) {
            site = open();
        }
        site.holds().prepare(TestSite.prepare(id, tx, now,
                TestSite.node("vm-1", 2, 4096, false, Optional.of("a1"), nic("52:54:00:7e:00:01", "10.73.0.1")),
                TestSite.node("vm-2", 2, 4096, false, Optional.of("a2"), nic("52:54:00:7e:00:02", "10.73.0.2"))));
        site.holds().commit(id, tx);
        site.lifecycle().provision(id, tx);
    }


    @Test
    void provisionedNodesOnTwoHostsReachEachOtherAndTerminateLeavesNothing() {
        List<String> host1Before = lan.isthmusLinks(lan.host1);
        List<String> host2Before = lan.isthmusLinks(lan.host2);

        provisionTwoNodesOnTwoHosts();

        String vm1 = lan.standInOf("52:54:00:7e:00:01");
        CommandResult ping = lan.runner.run(List.of("ip", "netns", "exec", vm1, "ping", "-c", "2", "-W", "2",
                "10.73.0.2"));
        assertTrue(ping.succeeded(), "vm-1 on a1 reaches vm-2 on a2 through the gateway: " + ping.describe());
        assertTrue(lan.must("ip", "-n", vm1, "neigh", "show", "10.73.0.2").contains("lladdr 52:54:00:7e:00:02"));
        assertEquals(3, lan.isthmusLinks(lan.host1).size(), "isbr, ishx and one isvp on a1: "
                + lan.isthmusLinks(lan.host1));

        site.lifecycle().terminate(id, tx);

        assertEquals(standInsBefore, lan.standInNamespaces(), "no isvm- namespace is left");
        assertEquals(host1Before, lan.isthmusLinks(lan.host1));
        assertEquals(host2Before, lan.isthmusLinks(lan.host2));
    }

    @Test
    void aBookingTheBrokerLeftPastItsWindowAndGraceIsTornDownByTheSiteAndLeavesNothing() {
        List<String> host1Before = lan.isthmusLinks(lan.host1);
        List<String> host2Before = lan.isthmusLinks(lan.host2);
        provisionTwoNodesOnTwoHosts();
        clock.advance(Duration.between(now, TestSite.window(now).end()).plusSeconds(60)); // window end + grace

        assertEquals(1, site.overdue().tearDownOverdue());

        assertEquals(BookingState.NONE, site.status().status(id).state());
        assertEquals(standInsBefore, lan.standInNamespaces(), "no isvm- namespace is left");
        assertEquals(host1Before, lan.isthmusLinks(lan.host1), "the segment is unplugged from a1");
        assertEquals(host2Before, lan.isthmusLinks(lan.host2), "the segment is unplugged from a2");
    }

    @Test
    void aRestartRemovesAnOrphanStandInAndRecreatesAMissingOne() {
        provisionTwoNodesOnTwoHosts();
        String vm1 = lan.standInOf("52:54:00:7e:00:01");
        site.close();
        site = null;
        lan.must("ip", "netns", "del", vm1);
        String orphan = "isvm-0badf00d";
        lan.must("ip", "netns", "add", orphan);
        lan.must("ip", "-n", lan.host1.value(), "link", "add", "isvp0badf00d0", "type", "veth", "peer", "name",
                "eth0", "netns", orphan);

        site = open();

        assertFalse(lan.standInNamespaces().contains(orphan),
                "the orphan stand-in is gone: " + lan.standInNamespaces());
        assertFalse(lan.isthmusLinks(lan.host1).contains("isvp0badf00d0"), lan.isthmusLinks(lan.host1).toString());
        String recreated = lan.standInOf("52:54:00:7e:00:01");
        assertTrue(lan.runner.run(List.of("ip", "netns", "exec", recreated, "ping", "-c", "2", "-W", "2",
                "10.73.0.2")).succeeded(), "the provisioned vm-1 got its stand-in back and reaches vm-2");
    }

    @Test
    void aDataPlaneFailureFailsProvisionAndRemovesWhatTheCallCreated() {
        site = open();
        List<String> host1Before = lan.isthmusLinks(lan.host1);
        lan.in(lan.host2, "ip", "link", "add", "isbr" + LAN, "type", "veth", "peer", "name", "isrw-peer");

        SegmentException failed = assertThrows(SegmentException.class, this::provisionTwoNodesOnTwoHosts);

        assertTrue(failed.getMessage().contains("node vm-2") && failed.getMessage().contains("not a bridge"),
                failed.getMessage());
        assertEquals(standInsBefore, lan.standInNamespaces(), "vm-1's stand-in was rolled back");
        assertEquals(host1Before, lan.isthmusLinks(lan.host1), "a1's new segment was rolled back");
        assertEquals(List.of("isbr" + LAN), lan.isthmusLinks(lan.host2), "only the foreign dummy stays on a2");
        assertTrue(site.compute().inspect(new HostName("a1"), DomainName.of(id, new NodeName("vm-1"))).isEmpty(),
                "the domain this call started is removed");
        assertEquals(BookingState.COMMITTED, site.status().status(id).state());
    }

    @Test
    void aMissingHostNamespaceStopsTheStartAndIsNamed() {
        Properties p = lan.emulatedSettings(TestSite.properties(dataDir));
        p.setProperty("host.a2.namespace", "isrw-absent");

        SegmentException refused = assertThrows(SegmentException.class,
                () -> RmsComponents.open(RmsConfig.fromProperties(p), new MutableClock(now)));

        assertTrue(refused.getMessage().contains("host a2 (host.a2.namespace=isrw-absent)"), refused.getMessage());
        assertFalse(refused.getMessage().contains("host a1"), refused.getMessage());
    }
}
