package io.isthmus.gateway;

import io.isthmus.gateway.testsupport.TestWindows;
import static io.isthmus.gateway.SiteGateway.HOST_A;
import static io.isthmus.gateway.SiteGateway.HOST_B;
import static io.isthmus.gateway.SiteGateway.MANAGEMENT_ADDRESS;
import static io.isthmus.gateway.SiteGateway.PEER_GATEWAY;
import static io.isthmus.gateway.SiteGateway.SITE_ADDRESS;
import static io.isthmus.gateway.SiteGateway.TUNNEL_ADDRESS;
import static io.isthmus.gateway.TwoGateways.newReservation;
import static io.isthmus.gateway.TwoGateways.newTransaction;
import static io.isthmus.gateway.TwoGateways.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.application.stitch.StitchService;
import io.isthmus.gateway.domain.isolation.IsolationStatus;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TransactionId;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.infrastructure.command.CommandFailedException;
import io.isthmus.gateway.infrastructure.command.ProcessCommandRunner;
import io.isthmus.gateway.testsupport.TestNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nftables table {@code bridge isthmus-gw-a} with real packets: a VM stand-in on a stitched segment reaches the
 * gateway's tunnel, site and management addresses and its service port until the rules are applied, and none of
 * them afterwards, while the segment itself keeps working.
 */
class SegmentIsolationTest {

    private SiteGateway site;
    private Process service;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        Assumptions.assumeTrue(TestNetwork.isRoot(), "network namespaces need root (CI runs as root)");
        site = new SiteGateway(dir);
    }

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.destroyForcibly();
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    void aTenantReachesTheGatewaysAddressesAndServicePortOnlyUntilTheRulesAreApplied() throws Exception {
        site.hostSegment(site.hostA, HOST_A, 5001);
        site.hostSegment(site.hostB, HOST_B, 5001);
        String vmA = site.standIn("t1a", site.hostA, 5001, "02:00:00:00:01:0a", "10.0.0.1");
        site.standIn("t1b", site.hostB, 5001, "02:00:00:00:01:0b", "10.0.0.2");
        stitch(5001);
        // A tenant that routes the gateway's addresses onto its segment, and a gateway whose route back to the
        // tenant's subnet runs over the segment bridge: without rules, the tenant really gets answers.
        site.net.ip(vmA, "route", "add", "198.51.100.0/24", "dev", "eth0");
        site.net.ip(site.gw, "route", "add", "10.0.0.0/24", "dev", "isbr5001");
        startService();

        for (String address : List.of(TUNNEL_ADDRESS, SITE_ADDRESS, MANAGEMENT_ADDRESS)) {
            assertTrue(site.net.pingsWithin(vmA, address, 10), "before the rules the tenant reaches " + address);
        }
        assertTrue(connects(vmA), "before the rules the tenant reaches the service port");

        assertEquals(IsolationStatus.inForce(), site.parts.isolation().apply());
        assertEquals(IsolationStatus.inForce(), site.parts.isolation().apply(), "applying again replaces the table");
        for (String address : List.of(TUNNEL_ADDRESS, SITE_ADDRESS, MANAGEMENT_ADDRESS)) {
            assertFalse(site.net.pings(vmA, address), "the rules must keep the tenant off " + address);
        }
        assertFalse(connects(vmA), "the rules must keep the tenant off the service port");
        assertTrue(site.net.pingsWithin(vmA, "10.0.0.2", 10), "the tenant's own segment keeps working");
        assertEquals(1, tables(site.gw).size(), tables(site.gw).toString());

        site.parts.isolation().remove();
        assertEquals(List.of(), tables(site.gw), "removing the rules leaves no table behind");
        assertTrue(site.net.pingsWithin(vmA, MANAGEMENT_ADDRESS, 10), "it was the rules that blocked the tenant");
        site.parts.isolation().remove();
    }

    @Test
    void withoutNftTheGatewayRunsAndSaysIsolationIsUnavailable() {
        ProcessCommandRunner real = new ProcessCommandRunner();
        GatewayParts noNft = site.restart((argv, input) -> real.run(argv.stream()
                .map(a -> a.equals("nft") ? "isthmus-no-nft" : a).toList(), input));
        IsolationStatus status = noNft.isolation().apply();
        assertFalse(status.active());
        assertEquals("nft is not installed (Debian: apt-get install nftables)", status.reason().orElseThrow());
        assertEquals(status, noNft.service().status(Optional.empty()).isolation(), "status reports it");
        stitchWith(noNft.service(), 5003);
        assertTrue(site.net.managedLinks(site.gw).contains("ishv5003"), "the gateway still stitches");
        assertEquals(List.of(), tables(site.gw));
    }

    @Test
    void theServerAppliesTheRulesAtStartAndRemovesThemAtStopWhenNothingIsStitched() {
        try (GatewayServer server = GatewayServer.start(ownStoreAndLocalListen(site.config()))) {
            assertTrue(server.isolation().active(), server.isolation().describe());
            String ready = GatewayMain.readyLine(server);
            assertTrue(ready.contains("tenant isolation active"), ready);
            assertTrue(ready.contains("site leg 198.51.100.17 UDP 4790 to 2 host(s)"), ready);
            assertEquals(List.of("table bridge isthmus-gw-a"), tables(site.gw));
        }
        assertEquals(List.of(), tables(site.gw), "a stopped gateway with no stitch leaves no rule behind");
    }

    /**
     * The site's gateway as a server: its own store (the test holds the other one open) and listening on loopback,
     * where this JVM can bind (the test's addresses live in namespaces).
     */
    private static GatewayConfig ownStoreAndLocalListen(GatewayConfig c) {
        return new GatewayConfig(c.id(), URI.create("http://127.0.0.1:" + c.listen().getPort() + c.listenPath()),
                c.dataDir().resolve("server"), c.tunnelAddress(), c.underlayDevice(), c.trunk(), c.netns(),
                c.reapInterval(), c.siteLeg(), c.protectedPorts(), c.accessPorts(), c.openvpnPorts(), c.leases(),
                c.killAtFile(), c.maxRequestBytes());
    }

    private void stitch(int vni) {
        stitchWith(site.parts.service(), vni);
    }

    private void stitchWith(StitchService gateway, int vni) {
        ReservationId res = newReservation();
        TransactionId tx = newTransaction();
        gateway.prepare(res, tx, TestWindows.LONG, site.clock.instant().plusSeconds(60),
                List.of(spec(vni, TunnelKind.VXLAN, null, PEER_GATEWAY)));
        gateway.commit(res, tx);
        gateway.stitch(res, tx);
    }

    /** A TCP service on the gateway's management address and listen port (iperf3 stands in for the endpoint). */
    private void startService() throws InterruptedException {
        String port = Integer.toString(site.servicePort);
        try {
            service = new ProcessBuilder("ip", "netns", "exec", site.gw, "iperf3", "-s", "-B", MANAGEMENT_ADDRESS,
                    "-p", port).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < 50; i++) {
            if (site.net.run(site.gw, "ss", "-Hltn", "sport", "=", ":" + port).stdout().contains(port)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("iperf3 did not listen on " + MANAGEMENT_ADDRESS + ":" + port);
    }

    /** Whether a TCP connection from {@code ns} to the service succeeds (and carries a little data). */
    private boolean connects(String ns) {
        try {
            site.net.run(ns, "iperf3", "-c", MANAGEMENT_ADDRESS, "-p", Integer.toString(site.servicePort), "-n", "8K",
                    "--connect-timeout", "2000");
            return true;
        } catch (CommandFailedException e) {
            return false;
        }
    }

    private static List<String> tables(String ns) {
        return new ArrayList<>(new ProcessCommandRunner().run(List.of("ip", "netns", "exec", ns, "nft", "list",
                "tables")).stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }
}
