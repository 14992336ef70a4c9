package io.isthmus.gateway;

import io.isthmus.gateway.testsupport.TestWindows;
import static io.isthmus.gateway.ThreeGateways.ADDRESSES;
import static io.isthmus.gateway.ThreeGateways.endpointsFor;
import static io.isthmus.gateway.ThreeGateways.mac;
import static io.isthmus.gateway.ThreeGateways.tenantAddress;
import static io.isthmus.gateway.TwoGateways.newReservation;
import static io.isthmus.gateway.TwoGateways.newTransaction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.application.stitch.Reconciler;
import io.isthmus.gateway.application.stitch.StitchService;
import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TransactionId;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.stitch.StitchState;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.OpenVpnOffer;
import io.isthmus.gateway.domain.tunnel.PeerEndpoint;
import io.isthmus.gateway.domain.tunnel.PeerPort;
import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.domain.tunnel.TunnelKindSupport;
import io.isthmus.gateway.infrastructure.command.ProcessCommandRunner;
import io.isthmus.gateway.infrastructure.tunnel.IpLinks;
import io.isthmus.gateway.infrastructure.tunnel.Iproute2Commands;
import io.isthmus.gateway.infrastructure.tunnel.OpenVpnFiles;
import io.isthmus.gateway.infrastructure.tunnel.OpenVpnTunnelDriver;
import io.isthmus.gateway.testsupport.TestNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The openvpn kind with real packets: one segment across three gateways as a full mesh of per-pair TLS tunnels,
 * tenants on one L2 network behind each; a wrong fingerprint, unstitch/abort and gateway restarts.
 */
class OpenVpnMeshTest {

    private static final int VNI = 5101;
    private static final int HANDSHAKE_SECONDS = 20;

    private ThreeGateways mesh;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        Assumptions.assumeTrue(TestNetwork.isRoot(), "network namespaces need root (CI runs as root)");
        mesh = new ThreeGateways(dir);
    }

    @AfterEach
    void tearDown() {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void everyTenantReachesEveryOtherOverTheEncryptedMeshAndNothingStaysBehind() throws IOException {
        ReservationId res = newReservation();
        TransactionId tx = newTransaction();
        List<Booking> offers = mesh.prepareAndCommit(res, tx, VNI);
        assertEquals(List.of(new PeerPort(new Ipv4Address(ADDRESSES.get(1)), 11940),
                new PeerPort(new Ipv4Address(ADDRESSES.get(2)), 11941)), offer(offers, 0).listen(),
                ".9 is the lowest address: it listens for both others");
        assertEquals(List.of(new PeerPort(new Ipv4Address(ADDRESSES.get(2)), 11940)), offer(offers, 1).listen());
        assertEquals(List.of(), offer(offers, 2).listen(), ".20 is the highest: it only connects");
        assertEquals(3, offers.stream().map(b -> b.offers().get(0).fingerprint()).distinct().count(),
                "every gateway has a key of its own for this stitch");
        Path key = keyDir(0, res).resolve("key.pem");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));

        stitchAll(res, tx, offers);
        for (int i = 0; i < 3; i++) {
            mesh.attachTenant(i, VNI);
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                if (i != j) {
                    assertTrue(mesh.net.pingsWithin(mesh.tenants.get(i), tenantAddress(j), HANDSHAKE_SECONDS),
                            "tenant " + i + " should reach tenant " + j + " through the openvpn mesh");
                    assertEquals(mac(j), neighbour(mesh.tenants.get(i), tenantAddress(j)), "same L2: ARP resolves");
                }
            }
        }
        assertEquals(Set.of("isbr5101", "isov5101p0", "isov5101p1"), mesh.net.managedLinks(mesh.gateways.get(0)),
                "one TAP per peer and no vxlan: the tunnels carry the segment");
        for (int i = 0; i < 3; i++) {
            List<String> processes = mesh.openvpnProcesses(i);
            assertEquals(2, processes.size(), processes.toString());
            for (PeerEndpoint peer : endpointsFor(i, offers)) {
                assertTrue(processes.stream().anyMatch(p -> p.contains("--peer-fingerprint " + peer.fingerprint())),
                        "gateway " + i + " accepts only " + peer.peer() + "'s certificate: " + processes);
            }
            for (long pid : mesh.openvpnProcessIds(i)) {
                assertEquals("65534", effectiveUid(pid), "openvpn " + pid + " forwards as nobody, not as root");
            }
            String port = mesh.net.run(mesh.gateways.get(i), "bridge", "-d", "link", "show", "dev", "isov5101p0")
                    .stdout();
            assertTrue(port.contains("isolated on"), "TAP to TAP frames are never forwarded (split horizon): " + port);
        }
        assertEquals(offers.get(0).offers(), mesh.parts.get(0).service().status(Optional.of(res)).bookings().get(0)
                .offers(), "status shows the offer made at prepare");

        mesh.openvpnProcessIds(1).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        assertFalse(mesh.net.pingsWithin(mesh.tenants.get(0), tenantAddress(1), 2),
                "without gateway 1's openvpn its tenant is cut off: the tunnels carry the traffic");
        assertTrue(mesh.net.pingsWithin(mesh.tenants.get(0), tenantAddress(2), 10), "the other pair keeps its tunnel");

        for (int i = 0; i < 3; i++) {
            mesh.parts.get(i).service().unstitch(res, tx);
            mesh.parts.get(i).service().abort(res, tx);
            assertEquals(Set.of(), mesh.net.managedLinks(mesh.gateways.get(i)), "no TAP or bridge stays");
            assertEquals(List.of(), mesh.openvpnProcesses(i), "no openvpn process stays");
            assertFalse(Files.exists(mesh.dataDir(i).resolve("openvpn").resolve(res.value())), "no key file stays");
        }
        Booking again = mesh.parts.get(0).service().prepare(newReservation(), newTransaction(), TestWindows.LONG,
                mesh.clock.instant().plusSeconds(60), List.of(ThreeGateways.spec(0, 5102)));
        assertEquals(List.of(11940, 11941), again.offers().get(0).ports(), "abort freed the ports");
    }

    @Test
    void aPeerWithTheWrongFingerprintGetsNoTunnelAndNoDetourThroughTheThirdGateway() {
        ReservationId res = newReservation();
        TransactionId tx = newTransaction();
        List<Booking> offers = mesh.prepareAndCommit(res, tx, VNI);
        List<PeerEndpoint> forgedFor1 = new ArrayList<>();
        for (PeerEndpoint e : endpointsFor(1, offers)) {
            forgedFor1.add(e.peer().value().equals(ADDRESSES.get(0))
                    ? new PeerEndpoint(e.segment(), e.peer(), offer(offers, 2).fingerprint(), e.port()) : e);
        }
        mesh.parts.get(0).service().stitch(res, tx, endpointsFor(0, offers));
        mesh.parts.get(1).service().stitch(res, tx, forgedFor1);
        mesh.parts.get(2).service().stitch(res, tx, endpointsFor(2, offers));
        for (int i = 0; i < 3; i++) {
            mesh.attachTenant(i, VNI);
        }
        assertTrue(mesh.net.pingsWithin(mesh.tenants.get(0), tenantAddress(2), HANDSHAKE_SECONDS));
        assertTrue(mesh.net.pingsWithin(mesh.tenants.get(1), tenantAddress(2), HANDSHAKE_SECONDS));
        assertFalse(mesh.net.pingsWithin(mesh.tenants.get(1), tenantAddress(0), 6),
                "gateway 1 refuses gateway 0's certificate, and gateway 2 forwards nothing from one tunnel to another");
        String log = mesh.net.run(mesh.gateways.get(1), "cat", keyDir(1, res).resolve("isov5101p0.log").toString())
                .stdout();
        assertTrue(log.contains("certificate hash verification failed"), "the TLS handshake is refused: " + log);
    }

    @Test
    void aRestartedGatewayKeepsRunningTunnelsRestoresLostOnesAndRemovesOrphans() {
        ReservationId res = newReservation();
        TransactionId tx = newTransaction();
        List<Booking> offers = mesh.prepareAndCommit(res, tx, VNI);
        stitchAll(res, tx, offers);
        for (int i = 0; i < 3; i++) {
            mesh.attachTenant(i, VNI);
        }
        assertTrue(mesh.net.pingsWithin(mesh.tenants.get(2), tenantAddress(0), HANDSHAKE_SECONDS));
        List<Long> before = mesh.openvpnProcessIds(2);

        assertEquals(Set.of(), reconcileAfterRestart(2), "nothing is stray");
        assertEquals(Set.copyOf(before), Set.copyOf(mesh.openvpnProcessIds(2)),
                "a restarted gateway keeps the tunnels that run as they should");

        String g2 = mesh.gateways.get(2);
        before.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        mesh.net.ip(g2, "link", "del", "isov5101p1");
        mesh.net.ip(g2, "tuntap", "add", "dev", "isov7777p0", "mode", "tap");
        Path keys = keyDir(2, res);
        mesh.net.run(g2, "openvpn", "--dev", "isov7777p0", "--dev-type", "tap", "--proto", "udp", "--lport", "12999",
                "--tls-server", "--dh", "none", "--cert", keys.resolve("cert.pem").toString(), "--key",
                keys.resolve("key.pem").toString(), "--peer-fingerprint", offer(offers, 0).fingerprint().value(),
                "--daemon", "orphan", "--log", keys.resolve("orphan.log").toString());
        assertTrue(mesh.openvpnProcesses(2).stream().anyMatch(p -> p.contains("isov7777p0")), "the orphan runs");
        assertFalse(mesh.net.pingsWithin(mesh.tenants.get(2), tenantAddress(0), 2), "gateway 2 lost its tunnels");

        assertEquals(Set.of(new InterfaceName("isov7777p0")), reconcileAfterRestart(2));
        assertEquals(Set.of("isbr5101", "isov5101p0", "isov5101p1"), mesh.net.managedLinks(g2));
        List<String> processes = mesh.openvpnProcesses(2);
        assertEquals(2, processes.size(), "one process per expected TAP, the orphan gone: " + processes);
        assertTrue(processes.stream().noneMatch(p -> p.contains("isov7777p0")), processes.toString());
        for (PeerEndpoint peer : endpointsFor(2, offers)) {
            assertTrue(processes.stream().anyMatch(p -> p.contains("--peer-fingerprint " + peer.fingerprint())),
                    processes.toString());
        }
        assertTrue(mesh.net.run(g2, "bridge", "-d", "link", "show", "dev", "isov5101p1").stdout()
                .contains("isolated on"), "the restored TAP is an isolated bridge port again");
        for (int j = 0; j < 2; j++) {
            assertTrue(mesh.net.pingsWithin(mesh.tenants.get(2), tenantAddress(j), HANDSHAKE_SECONDS),
                    "the restored tunnels carry tenant 2's frames to tenant " + j + " again");
        }
    }

    @Test
    void withoutTheOpenvpnProgramTheKindIsUnavailableSayingHowToInstallIt() {
        ProcessCommandRunner real = new ProcessCommandRunner();
        GatewayParts noOpenvpn = mesh.restart(0, (argv, input) -> real.run(argv.stream()
                .map(a -> a.equals("openvpn") ? "isthmus-no-openvpn" : a).toList(), input));
        TunnelKindSupport openvpn = noOpenvpn.dataPlane().supportedKinds().stream()
                .filter(k -> k.kind() == TunnelKind.OPENVPN).findFirst().orElseThrow();
        assertFalse(openvpn.available());
        assertTrue(openvpn.reason().orElseThrow().startsWith("openvpn is not installed or does not run"),
                openvpn.reason().orElseThrow());
        assertTrue(openvpn.reason().orElseThrow().endsWith("apt-get install openvpn"), openvpn.reason().orElseThrow());
        UnavailableException e = assertThrows(UnavailableException.class,
                () -> noOpenvpn.service().prepare(newReservation(), newTransaction(), TestWindows.LONG,
                        mesh.clock.instant().plusSeconds(60), List.of(ThreeGateways.spec(0, VNI))));
        assertTrue(e.getMessage().contains("apt-get install openvpn"), e.getMessage());
        assertFalse(Files.exists(mesh.dataDir(0).resolve("openvpn")), "a refused prepare makes no key");
    }

    @Test
    void anExpiredOpenvpnHoldTakesItsKeyAndPortsWithIt() {
        ReservationId res = newReservation();
        StitchService gateway = mesh.parts.get(0).service();
        gateway.prepare(res, newTransaction(), TestWindows.LONG, mesh.clock.instant().plusSeconds(30), List.of(ThreeGateways.spec(0, VNI)));
        assertTrue(Files.exists(keyDir(0, res).resolve("key.pem")));
        mesh.clock.advance(Duration.ofSeconds(31));
        assertEquals(1, gateway.reapExpiredHolds());
        assertFalse(Files.exists(mesh.dataDir(0).resolve("openvpn").resolve(res.value())), "the key went with the hold");
        assertEquals(List.of(11940, 11941), gateway.prepare(newReservation(), newTransaction(), TestWindows.LONG,
                mesh.clock.instant().plusSeconds(30), List.of(ThreeGateways.spec(0, VNI))).offers().get(0).ports(),
                "and so did its ports");
    }

    @Test
    void withoutTunDeviceTheKindIsUnavailableSayingSoAndWithItTheProbeLeavesNoTap() {
        assertEquals("/nonexistent/net/tun does not exist: the kernel has no TUN/TAP support here (load the tun module:"
                + " modprobe tun)", driver(Path.of("/nonexistent/net/tun")).probe().reason().orElseThrow());
        assertTrue(driver(Path.of("/dev/net/tun")).probe().available(), "with it, a throw-away TAP is made and removed");
        assertFalse(mesh.net.links(mesh.gateways.get(0)).contains("isthprobeov"), "the probe TAP is gone again");
    }

    private OpenVpnTunnelDriver driver(Path tun) {
        ProcessCommandRunner runner = new ProcessCommandRunner();
        IpLinks links = new IpLinks(new GatewayId("gw-0"), runner, new Iproute2Commands(mesh.config(0).netns()));
        return new OpenVpnTunnelDriver(links, runner, tun, new OpenVpnFiles(mesh.dataDir(0)),
                new Ipv4Address(ADDRESSES.get(0)));
    }

    private Set<InterfaceName> reconcileAfterRestart(int i) {
        GatewayParts restarted = mesh.restart(i);
        return new Reconciler(new GatewayId("gw-" + i), mesh.store(i), restarted.dataPlane()).reconcile();
    }

    private void stitchAll(ReservationId res, TransactionId tx, List<Booking> offers) {
        for (int i = 0; i < 3; i++) {
            assertEquals(StitchState.STITCHED, mesh.parts.get(i).service().stitch(res, tx, endpointsFor(i, offers))
                    .state());
        }
    }

    private static OpenVpnOffer offer(List<Booking> bookings, int i) {
        return bookings.get(i).offers().get(0);
    }

    private Path keyDir(int i, ReservationId res) {
        return mesh.dataDir(i).resolve("openvpn").resolve(res.value()).resolve(Integer.toString(VNI));
    }

    private String neighbour(String ns, String address) {
        String line = mesh.net.ip(ns, "neigh", "show", address).stdout().strip();
        return line.replaceFirst("^.* lladdr (\\S+).*$", "$1");
    }

    /** The effective uid of a process, from /proc (these tests run as root, so openvpn must have dropped it). */
    private static String effectiveUid(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("Uid:")).map(l -> l.split("\\s+")[2]).findFirst().orElse("?");
    }
}
