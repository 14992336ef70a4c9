package io.isthmus.gateway;

import io.isthmus.gateway.testsupport.TestWindows;
import static io.isthmus.gateway.SiteGateway.HOST_A;
import static io.isthmus.gateway.SiteGateway.HOST_B;
import static io.isthmus.gateway.SiteGateway.PEER_GATEWAY;
import static io.isthmus.gateway.TwoGateways.newReservation;
import static io.isthmus.gateway.TwoGateways.newTransaction;
import static io.isthmus.gateway.TwoGateways.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.application.stitch.Reconciler;
import io.isthmus.gateway.application.stitch.StitchService;
import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TransactionId;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.testsupport.TestNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site gateway's site leg, with real packets: VM stand-ins on two site hosts reach each other only through the
 * gateway's {@code ishv<vni>}, tenants on different VNIs stay apart, and nothing of a stitch stays behind.
 */
class SiteLegTest {

    private static final String MAC_T1_A = "02:00:00:00:01:0a";
    private static final String MAC_T1_B = "02:00:00:00:01:0b";
    private static final String MAC_T2_A = "02:00:00:00:02:0a";
    private static final String MAC_T2_B = "02:00:00:00:02:0b";

    private SiteGateway site;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        Assumptions.assumeTrue(TestNetwork.isRoot(), "network namespaces need root (CI runs as root)");
        site = new SiteGateway(dir);
    }

    @AfterEach
    void tearDown() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void standInsOnTwoSiteHostsReachEachOtherThroughTheSiteLegOnlyWhileStitched() {
        site.hostSegment(site.hostA, HOST_A, 5001);
        site.hostSegment(site.hostB, HOST_B, 5001);
        String vmA = site.standIn("t1a", site.hostA, 5001, MAC_T1_A, "10.0.0.1");
        site.standIn("t1b", site.hostB, 5001, MAC_T1_B, "10.0.0.2");
        StitchService gateway = site.parts.service();
        ReservationId res = newReservation();
        TransactionId tx = newTransaction();
        gateway.prepare(res, tx, TestWindows.LONG, site.clock.instant().plusSeconds(60), List.of(segment(5001)));
        gateway.commit(res, tx);
        assertFalse(site.net.pings(vmA, "10.0.0.2"), "without the gateway the hosts' segments are not joined");

        gateway.stitch(res, tx);
        assertEquals(Set.of("isbr5001", "isvx5001", "ishv5001"), site.net.managedLinks(site.gw));
        assertTrue(site.net.pingsWithin(vmA, "10.0.0.2", 10),
                "host A's stand-in should reach host B's through the gateway");
        assertTrue(details(site.gw, "ishv5001").contains("hairpin on"), "host-to-host frames leave by their port");
        assertTrue(details(site.gw, "ishv5001").contains("dstport 4790"), details(site.gw, "ishv5001"));
        String learned = site.net.run(site.gw, "bridge", "fdb", "show", "dev", "ishv5001").stdout();
        assertTrue(learned.contains(MAC_T1_A + " dst " + HOST_A), "unicast to a VM goes to its host alone: " + learned);
        assertTrue(learned.contains(MAC_T1_B + " dst " + HOST_B), learned);

        gateway.unstitch(res, tx);
        assertEquals(Set.of(), site.net.managedLinks(site.gw), "no isbr, isvx or ishv may stay after unstitch");
        assertFalse(site.net.pings(vmA, "10.0.0.2"), "an unstitched gateway must not join the hosts");
    }

    @Test
    void tenantsOnTwoVnisWithTheSameSubnetNeverReachEachOther() {
        for (int vni : List.of(5001, 5002)) {
            site.hostSegment(site.hostA, HOST_A, vni);
            site.hostSegment(site.hostB, HOST_B, vni);
        }
        String t1a = site.standIn("t1a", site.hostA, 5001, MAC_T1_A, "10.0.0.1");
        site.standIn("t1b", site.hostB, 5001, MAC_T1_B, "10.0.0.2");
        String t2a = site.standIn("t2a", site.hostA, 5002, MAC_T2_A, "10.0.0.1");
        String t2b = site.standIn("t2b", site.hostB, 5002, MAC_T2_B, "10.0.0.2");
        site.net.ip(t2b, "addr", "add", "10.0.0.3/24", "dev", "eth0");
        stitch(List.of(segment(5001), segment(5002)));

        assertTrue(site.net.pingsWithin(t1a, "10.0.0.2", 10));
        assertTrue(site.net.pingsWithin(t2a, "10.0.0.2", 10));
        assertEquals(MAC_T1_B, neighbour(t1a, "10.0.0.2"), "tenant 1 must reach its own 10.0.0.2");
        assertEquals(MAC_T2_B, neighbour(t2a, "10.0.0.2"), "tenant 2 must reach its own 10.0.0.2");
        assertTrue(site.net.pingsWithin(t2a, "10.0.0.3", 10));
        assertFalse(site.net.pings(t1a, "10.0.0.3"), "10.0.0.3 exists only in tenant 2's segment");
    }

    @Test
    void restartRemovesAnOrphanSiteLegAndRestoresAMissingOne() {
        site.hostSegment(site.hostA, HOST_A, 5001);
        site.hostSegment(site.hostB, HOST_B, 5001);
        String vmA = site.standIn("t1a", site.hostA, 5001, MAC_T1_A, "10.0.0.1");
        site.standIn("t1b", site.hostB, 5001, MAC_T1_B, "10.0.0.2");
        stitch(List.of(segment(5001)));
        site.net.ip(site.gw, "link", "del", "ishv5001");
        site.net.ip(site.gw, "link", "add", "ishv7777", "type", "vxlan", "id", "7777", "dstport", "4790");

        GatewayParts restarted = site.restart();
        Set<InterfaceName> removed = new Reconciler(new GatewayId("gw-a"), site.store(), restarted.dataPlane())
                .reconcile();

        assertEquals(Set.of(new InterfaceName("ishv7777")), removed);
        assertEquals(Set.of("isbr5001", "isvx5001", "ishv5001"), site.net.managedLinks(site.gw));
        String leg = details(site.gw, "ishv5001");
        assertTrue(leg.contains("master isbr5001") && leg.contains("hairpin on"), leg);
        assertTrue(site.net.pingsWithin(vmA, "10.0.0.2", 10), "the restored site leg joins the hosts again");
    }

    private void stitch(List<StitchSpec> specs) {
        StitchService gateway = site.parts.service();
        ReservationId res = newReservation();
        TransactionId tx = newTransaction();
        gateway.prepare(res, tx, TestWindows.LONG, site.clock.instant().plusSeconds(60), specs);
        gateway.commit(res, tx);
        gateway.stitch(res, tx);
    }

    private static StitchSpec segment(int vni) {
        return spec(vni, TunnelKind.VXLAN, null, PEER_GATEWAY);
    }

    private String details(String ns, String link) {
        return site.net.ip(ns, "-d", "-o", "link", "show", "dev", link).stdout();
    }

    /** The MAC address {@code ns} resolved {@code address} to. */
    private String neighbour(String ns, String address) {
        String line = site.net.ip(ns, "neigh", "show", address).stdout().strip();
        return line.replaceFirst("^.* lladdr (\\S+).*$", "$1");
    }
}
