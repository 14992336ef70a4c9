package io.isthmus.gateway.application.stitch;

import io.isthmus.gateway.testsupport.TestWindows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TransactionId;
import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.stitch.SegmentName;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.Vni;
import io.isthmus.gateway.domain.tunnel.OpenVpnOffer;
import io.isthmus.gateway.domain.tunnel.PeerPort;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.domain.tunnel.UdpPortRange;
import io.isthmus.gateway.infrastructure.command.CommandRunner;
import io.isthmus.gateway.infrastructure.command.ProcessCommandRunner;
import io.isthmus.gateway.infrastructure.tunnel.OpenSslCredentials;
import io.isthmus.gateway.infrastructure.tunnel.OpenVpnFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offers made with the real openssl: one key per stitch, ports from the range, nothing left when one fails. */
class OpenVpnOffersTest {

    private static final Ipv4Address ME = new Ipv4Address("198.51.100.10");
    private static final Ipv4Address LOWER = new Ipv4Address("198.51.100.9");
    private static final Ipv4Address HIGHER = new Ipv4Address("198.51.100.20");
    private static final Ipv4Address HIGHEST = new Ipv4Address("198.51.100.30");

    @TempDir
    Path dir;

    private OpenVpnOffers offers(UdpPortRange range, CommandRunner runner) {
        GatewayProfile profile = new GatewayProfile(new GatewayId("gw-b"), ME, false, java.util.Set.of(), range);
        return new OpenVpnOffers(profile, new OpenSslCredentials(profile.id(), runner, new OpenVpnFiles(dir)));
    }

    private static StitchSpec spec(int vni, TunnelKind kind, Ipv4Address... peers) {
        return new StitchSpec(new SegmentName("s" + vni), new Vni(vni), kind, Optional.empty(), List.of(peers));
    }

    private static ReservationId id() {
        return new ReservationId(UUID.randomUUID().toString());
    }

    private static Booking holding(int port) {
        return Booking.held(id(), new TransactionId(UUID.randomUUID().toString()), TestWindows.LONG, Instant.parse("2030-01-01T00:00:00Z"),
                List.of(spec(4001, TunnelKind.OPENVPN, HIGHER))).withOffers(List.of(new OpenVpnOffer(new Vni(4001),
                new io.isthmus.gateway.domain.tunnel.CertFingerprint("AB:" + "00:".repeat(30) + "FF"),
                List.of(new PeerPort(HIGHER, port)))));
    }

    @Test
    void eachOpenvpnStitchGetsItsOwnKeyAndAFreePortPerHigherPeer() {
        ReservationId res = id();
        List<OpenVpnOffer> made = offers(UdpPortRange.DEFAULT, new ProcessCommandRunner()).issue(res, List.of(
                spec(5001, TunnelKind.OPENVPN, HIGHER, LOWER), spec(5002, TunnelKind.VXLAN, HIGHER),
                spec(5003, TunnelKind.OPENVPN, HIGHEST, HIGHER)), List.of(holding(11940)));
        assertEquals(2, made.size(), "the vxlan stitch needs no offer");
        assertEquals(List.of(new PeerPort(HIGHER, 11941)), made.get(0).listen(),
                "only the higher peer connects to this gateway; 11940 is another booking's");
        assertEquals(List.of(new PeerPort(HIGHER, 11942), new PeerPort(HIGHEST, 11943)), made.get(1).listen());
        assertNotEquals(made.get(0).fingerprint(), made.get(1).fingerprint(), "a key per stitch");
        assertTrue(Files.exists(new OpenVpnFiles(dir).key(res, new Vni(5001))));
    }

    @Test
    void tooFewFreePortsIsUnavailableAndDeletesTheKeysAlreadyMade() {
        ReservationId res = id();
        UnavailableException e = assertThrows(UnavailableException.class,
                () -> offers(new UdpPortRange(11940, 11942), new ProcessCommandRunner()).issue(res, List.of(
                        spec(5001, TunnelKind.OPENVPN, HIGHER), spec(5002, TunnelKind.OPENVPN, HIGHER, HIGHEST)),
                        List.of(holding(11940))));
        assertTrue(e.getMessage().contains("too few free openvpn UDP ports for segment s5002: it needs 2"),
                e.getMessage());
        assertTrue(e.getMessage().contains("gateway.openvpnPorts 11940-11942"), e.getMessage());
        assertFalse(Files.exists(new OpenVpnFiles(dir).reservationDir(res)), "the first stitch's key is gone again");
    }

    @Test
    void aFailingOpensslLeavesNoFileBehind() {
        AtomicInteger calls = new AtomicInteger();
        ProcessCommandRunner real = new ProcessCommandRunner();
        CommandRunner secondFails = (argv, input) -> real.run(calls.incrementAndGet() == 2
                ? argv.stream().map(a -> a.equals("ec_paramgen_curve:prime256v1") ? "ec_paramgen_curve:nocurve" : a)
                .toList() : argv, input);
        ReservationId res = id();
        UnavailableException e = assertThrows(UnavailableException.class, () -> offers(UdpPortRange.DEFAULT,
                secondFails).issue(res, List.of(spec(5001, TunnelKind.OPENVPN, HIGHER),
                spec(5002, TunnelKind.OPENVPN, HIGHER)), List.of()));
        assertTrue(e.getMessage().startsWith("gateway gw-b cannot make the openvpn key and certificate for VNI 5002"),
                e.getMessage());
        assertTrue(e.getMessage().contains("openssl failed"), e.getMessage());
        assertFalse(Files.exists(new OpenVpnFiles(dir).reservationDir(res)), "neither stitch keeps a file");
    }
}
