package io.isthmus.gateway.infrastructure.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.stitch.Vni;
import io.isthmus.gateway.domain.tunnel.CertFingerprint;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.NetworkNamespace;
import io.isthmus.gateway.domain.tunnel.OpenVpnLink;
import io.isthmus.gateway.domain.tunnel.OpenVpnPeering;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The openvpn, TAP and bridge-port argument arrays, and how a running openvpn is recognised. */
class OpenVpnCommandsTest {

    private static final ReservationId RES = new ReservationId("3f2a1c4e-0b7d-4e8f-9a61-2c5d7e9f1a3b");
    private static final CertFingerprint FP = new CertFingerprint("AB:" + "00:".repeat(30) + "FF");
    private static final String DIR = "/var/lib/isthmus/gw-b/openvpn/3f2a1c4e-0b7d-4e8f-9a61-2c5d7e9f1a3b/5001/";
    private static final InterfaceName P0 = new InterfaceName("isov5001p0");
    private static final InterfaceName P1 = new InterfaceName("isov5001p1");
    private static final OpenVpnLink CONNECT = new OpenVpnLink(P0, new Ipv4Address("198.51.100.9"), FP, false, 11940);
    private static final OpenVpnLink LISTEN = new OpenVpnLink(P1, new Ipv4Address("198.51.100.20"), FP, true, 11950);
    private static final OpenVpnPeering PEERING = new OpenVpnPeering(RES, new Vni(5001), List.of(CONNECT, LISTEN));

    private static OpenVpnCommands commands(Optional<NetworkNamespace> ns) {
        return new OpenVpnCommands(ns, new Ipv4Address("198.51.100.10"), new OpenVpnFiles(Path.of("/var/lib/isthmus/gw-b")),
                Optional.empty());
    }

    @Test
    void theListenerIsATlsServerBoundToItsPortInTheGatewaysNamespace() {
        assertEquals(List.of("ip", "netns", "exec", "isth-gw-b", "openvpn", "--dev", "isov5001p1", "--dev-type", "tap",
                "--proto", "udp", "--local", "198.51.100.10", "--lport", "11950", "--bind", "--float", "--tls-server",
                "--dh", "none", "--cert", DIR + "cert.pem", "--key", DIR + "key.pem", "--peer-fingerprint", FP.value(),
                "--persist-tun", "--keepalive", "3", "15", "--script-security", "1", "--allow-compression", "no",
                "--disable-dco", "--daemon", "isthmus-isov5001p1", "--writepid", DIR + "isov5001p1.pid",
                "--log", DIR + "isov5001p1.log"),
                commands(Optional.of(new NetworkNamespace("isth-gw-b"))).start(PEERING, LISTEN));
    }

    @Test
    void theConnectorIsATlsClientOnAnEphemeralPortOfItsTunnelAddress() {
        List<String> argv = commands(Optional.empty()).start(PEERING, CONNECT);
        assertEquals(List.of("openvpn", "--dev", "isov5001p0", "--dev-type", "tap", "--proto", "udp", "--local",
                "198.51.100.10", "--lport", "0", "--remote", "198.51.100.9", "11940", "--tls-client"),
                argv.subList(0, 15));
        assertTrue(argv.containsAll(List.of("--peer-fingerprint", FP.value(), "--script-security", "1")), argv.toString());
        assertTrue(!argv.contains("--tls-server") && !argv.contains("--dh") && !argv.contains("--comp-lzo"),
                argv.toString());
    }

    @Test
    void asRootOpenvpnDropsToNobodyKeepingItsKeyAndTapOpen() {
        List<String> argv = new OpenVpnCommands(Optional.empty(), new Ipv4Address("198.51.100.10"),
                new OpenVpnFiles(Path.of("/var/lib/isthmus/gw-b")), Optional.of(OpenVpnUser.NOBODY))
                .start(PEERING, LISTEN);
        int persistTun = argv.indexOf("--persist-tun");
        assertEquals(List.of("--persist-tun", "--persist-key", "--user", "nobody", "--group", "nogroup"),
                argv.subList(persistTun, persistTun + 6));
    }

    @Test
    void openvpnDropsRootOnlyWhenTheGatewayIsRootAndNobodyExists(@TempDir Path dir) throws IOException {
        Path root = Files.writeString(dir.resolve("root"), "Name:\tjava\nUid:\t1000\t0\t0\t0\n");
        Path user = Files.writeString(dir.resolve("user"), "Name:\tjava\nUid:\t1000\t1000\t1000\t1000\n");
        Path passwd = Files.writeString(dir.resolve("passwd"), "root:x:0:0::/root:/bin/sh\n"
                + "nobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\n");
        Path groups = Files.writeString(dir.resolve("group"), "root:x:0:\nnogroup:x:65534:\n");
        Path noNogroup = Files.writeString(dir.resolve("group2"), "root:x:0:\n");
        assertEquals(Optional.of(OpenVpnUser.NOBODY), OpenVpnUser.forHost(root, passwd, groups));
        assertEquals(Optional.empty(), OpenVpnUser.forHost(user, passwd, groups));
        assertEquals(Optional.empty(), OpenVpnUser.forHost(root, passwd, noNogroup));
    }

    @Test
    void aRunningOpenvpnIsRecognisedByItsGatewayNamedTap() {
        List<String> args = commands(Optional.empty()).arguments(PEERING, LISTEN);
        List<String> argv = new java.util.ArrayList<>(List.of("/usr/sbin/openvpn"));
        argv.addAll(args);
        OpenVpnProcesses.Running running = OpenVpnProcesses.parse(42, argv).orElseThrow();
        assertEquals(P1, running.tap());
        assertEquals(args, running.arguments(), "its arguments can be compared with the expected ones");
        assertEquals(Optional.empty(), OpenVpnProcesses.parse(43, List.of("openvpn", "--dev", "tun0")),
                "an openvpn on an interface the gateway does not name is someone else's");
        assertEquals(Optional.empty(), OpenVpnProcesses.parse(44, List.of("sleep", "--dev", "isov5001p0")));
        assertEquals(Optional.empty(), OpenVpnProcesses.parse(45, List.of("openvpn", "--dev")));
    }

    @Test
    void tapsAreMadePersistentAndIsolatedOnTheBridge() {
        Iproute2Commands ip = new Iproute2Commands(Optional.of(new NetworkNamespace("isth-gw-b")));
        assertEquals(List.of("ip", "-n", "isth-gw-b", "tuntap", "add", "dev", "isov5001p0", "mode", "tap"), ip.addTap(P0));
        assertEquals(List.of("ip", "-n", "isth-gw-b", "link", "set", "dev", "isov5001p0", "type", "bridge_slave",
                "isolated", "on"), ip.isolate(P0));
        assertEquals(List.of("ip", "-n", "isth-gw-b", "link", "set", "dev", "acc100", "nomaster"),
                ip.setNoMaster(new InterfaceName("acc100")));
    }

    @Test
    void aDataDirectoryThatCouldHarmACommandIsRefused() {
        for (String bad : List.of("/tmp/a b", "/tmp/-rf", "/tmp/x;reboot", "/tmp/$HOME")) {
            assertThrows(IllegalArgumentException.class, () -> new OpenVpnFiles(Path.of(bad)), bad);
        }
        assertEquals(Path.of("/srv/isthmus/gw-b/openvpn"), new OpenVpnFiles(Path.of("/srv/isthmus/../isthmus/gw-b")).root());
    }
}
