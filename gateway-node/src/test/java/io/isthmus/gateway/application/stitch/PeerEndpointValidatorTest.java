package io.isthmus.gateway.application.stitch;

import io.isthmus.gateway.testsupport.TestWindows;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TransactionId;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.stitch.SegmentName;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.Vni;
import io.isthmus.gateway.domain.tunnel.CertFingerprint;
import io.isthmus.gateway.domain.tunnel.PeerEndpoint;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a stitch's peer endpoints must be: one per peer of each openvpn stitch, ports only where the peer listens. */
class PeerEndpointValidatorTest {

    private static final Ipv4Address ME = new Ipv4Address("198.51.100.10");
    private static final Ipv4Address LOWER = new Ipv4Address("198.51.100.9");
    private static final Ipv4Address HIGHER = new Ipv4Address("198.51.100.20");
    private static final CertFingerprint FP = new CertFingerprint("AB:" + "00:".repeat(30) + "FF");
    private final PeerEndpointValidator validator = new PeerEndpointValidator(new GatewayId("gw-b"), ME);

    private static Booking booking() {
        return Booking.held(new ReservationId(UUID.randomUUID().toString()),
                new TransactionId(UUID.randomUUID().toString()), TestWindows.LONG, Instant.parse("2030-01-01T00:00:00Z"), List.of(
                        new StitchSpec(new SegmentName("lan"), new Vni(5001), TunnelKind.OPENVPN, Optional.empty(),
                                List.of(LOWER, HIGHER)),
                        new StitchSpec(new SegmentName("web"), new Vni(5002), TunnelKind.VXLAN, Optional.empty(),
                                List.of(LOWER))));
    }

    private static PeerEndpoint endpoint(String segment, Ipv4Address peer, Integer port) {
        return new PeerEndpoint(new SegmentName(segment), peer, FP, Optional.ofNullable(port));
    }

    private static List<PeerEndpoint> valid() {
        return List.of(endpoint("lan", LOWER, 11940), endpoint("lan", HIGHER, null));
    }

    private String refused(List<PeerEndpoint> endpoints) {
        return assertThrows(InvalidRequestException.class, () -> validator.validate(booking(), endpoints)).getMessage();
    }

    @Test
    void onePerPeerWithAPortExactlyWhereThePeerListensPasses() {
        validator.validate(booking(), valid());
        validator.validate(booking().withOffers(List.of()), valid());
    }

    @Test
    void aMissingEndpointIsInvalidNamingThePeer() {
        String message = refused(valid().subList(0, 1));
        assertTrue(message.contains("needs a peer endpoint for peer " + HIGHER), message);
        assertTrue(refused(List.of()).contains("needs a peer endpoint"), "an openvpn stitch cannot go without them");
    }

    @Test
    void extraEndpointsAreInvalid() {
        List<PeerEndpoint> twice = new ArrayList<>(valid());
        twice.add(endpoint("lan", HIGHER, null));
        assertTrue(refused(twice).contains("two peer endpoints for peer " + HIGHER), refused(twice));
        List<PeerEndpoint> stranger = new ArrayList<>(valid());
        stranger.add(endpoint("lan", new Ipv4Address("198.51.100.30"), null));
        assertTrue(refused(stranger).contains("names no peer of that stitch"), refused(stranger));
        List<PeerEndpoint> vxlan = new ArrayList<>(valid());
        vxlan.add(endpoint("web", LOWER, 11940));
        assertTrue(refused(vxlan).contains("matches no openvpn stitch"), refused(vxlan));
    }

    @Test
    void aPortMustComeExactlyFromAListeningPeer() {
        String noPort = refused(List.of(endpoint("lan", LOWER, null), endpoint("lan", HIGHER, null)));
        assertTrue(noPort.contains("has no port, but that peer's address is lower"), noPort);
        String port = refused(List.of(endpoint("lan", LOWER, 11940), endpoint("lan", HIGHER, 11941)));
        assertTrue(port.contains("has port 11941, but that peer's address is higher"), port);
    }
}
