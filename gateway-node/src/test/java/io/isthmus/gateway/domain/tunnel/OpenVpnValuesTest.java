package io.isthmus.gateway.domain.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.stitch.SegmentName;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.Vni;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Fingerprints, port ranges and how an offer and the relayed endpoints become per-peer tunnels. */
class OpenVpnValuesTest {

    private static final String FP_A = "AB:" + "00:".repeat(30) + "FF";
    private static final String FP_B = "CD:" + "11:".repeat(30) + "EE";
    private static final Ipv4Address ME = new Ipv4Address("198.51.100.10");
    private static final Ipv4Address LOWER = new Ipv4Address("198.51.100.9");
    private static final Ipv4Address HIGHER = new Ipv4Address("198.51.100.20");

    @Test
    void aFingerprintIsThirtyTwoUpperCaseHexPairsJoinedByColons() {
        byte[] digest = new byte[32];
        digest[0] = (byte) 0xab;
        digest[31] = 0x0f;
        assertEquals("AB:" + "00:".repeat(30) + "0F", CertFingerprint.of(digest).value());
        for (String bad : List.of(FP_A.toLowerCase(), FP_A.substring(3), FP_A.replace(':', ' '), FP_A + ":00",
                "AB:00; reboot", "")) {
            assertThrows(InvalidRequestException.class, () -> new CertFingerprint(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> CertFingerprint.of(new byte[20]), "SHA-1 is not SHA-256");
    }

    @Test
    void thePortRangeGivesTheLowestFreePortsAndSaysWhenTooFewAreLeft() {
        UdpPortRange range = UdpPortRange.parse("11940-11943");
        assertEquals(4, range.size());
        assertEquals(Optional.of(List.of(11940, 11942)), range.lowestFree(2, Set.of(11941)));
        assertEquals(Optional.empty(), range.lowestFree(2, Set.of(11940, 11941, 11943)));
        assertEquals(Optional.of(List.of()), range.lowestFree(0, Set.of()));
        assertThrows(InvalidRequestException.class, () -> UdpPortRange.parse("11940"));
        assertThrows(InvalidRequestException.class, () -> UdpPortRange.parse("0-10"));
        assertThrows(InvalidRequestException.class, () -> UdpPortRange.parse("20-10"));
        assertThrows(InvalidRequestException.class, () -> UdpPortRange.parse("1-70000"));
    }

    @Test
    void theLowerAddressOfAPairListensAndTheHigherConnectsToThePortItWasGiven() {
        StitchSpec spec = new StitchSpec(new SegmentName("lan"), new Vni(5001), TunnelKind.OPENVPN, Optional.empty(),
                List.of(HIGHER, LOWER));
        OpenVpnOffer mine = new OpenVpnOffer(new Vni(5001), new CertFingerprint(FP_A),
                List.of(new PeerPort(HIGHER, 11950)));
        List<PeerEndpoint> relayed = List.of(
                new PeerEndpoint(new SegmentName("lan"), HIGHER, new CertFingerprint(FP_B), Optional.empty()),
                new PeerEndpoint(new SegmentName("lan"), LOWER, new CertFingerprint(FP_A), Optional.of(11940)));
        ReservationId res = new ReservationId(UUID.randomUUID().toString());
        OpenVpnPeering peering = OpenVpnPeering.of(res, spec, mine, relayed);
        assertEquals(List.of(
                new OpenVpnLink(new InterfaceName("isov5001p0"), LOWER, new CertFingerprint(FP_A), false, 11940),
                new OpenVpnLink(new InterfaceName("isov5001p1"), HIGHER, new CertFingerprint(FP_B), true, 11950)),
                peering.links());

        InvalidRequestException missing = assertThrows(InvalidRequestException.class,
                () -> OpenVpnPeering.of(res, spec, mine, relayed.subList(0, 1)));
        assertTrue(missing.getMessage().contains("no peer endpoint for peer " + LOWER), missing.getMessage());
        InvalidRequestException noPort = assertThrows(InvalidRequestException.class, () -> OpenVpnPeering.of(res, spec,
                mine, List.of(relayed.get(0), new PeerEndpoint(new SegmentName("lan"), LOWER, new CertFingerprint(FP_A),
                        Optional.empty()))));
        assertTrue(noPort.getMessage().contains("has no port"), noPort.getMessage());
        assertFalse(mine.portFor(LOWER).isPresent());
        assertTrue(LOWER.compareTo(ME) < 0 && ME.compareTo(HIGHER) < 0, "addresses order as numbers");
    }
}
