package io.isthmus.rms.domain.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.compute.BridgeName;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.domain.site.NamespaceName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a host needs for a segment, and the names and addresses it is built from, refuse bad values. */
class SegmentPortTest {

    private static final Ipv4Address HOST = new Ipv4Address("198.51.100.11");
    private static final Ipv4Address GATEWAY = new Ipv4Address("198.51.100.1");

    @Test
    void aPortDefaultsToTheHostNamespaceAndTheVxlanMtuAndNamesItsBridgeAndUplink() {
        SegmentPort port = SegmentPort.of(new Vni(7), HOST, GATEWAY);

        assertEquals(1450, port.mtu());
        assertEquals(Optional.empty(), port.namespace());
        assertEquals(new BridgeName("isbr7"), port.bridge());
        assertEquals(new UplinkName("ishx7"), port.uplink());
        assertEquals(Optional.of(new NamespaceName("isst-h1")), port.inNamespace(new NamespaceName("isst-h1"))
                .namespace());
        assertEquals(new Vni(7), port.uplink().vni());
        assertEquals(new Vni(7), port.bridge().vni());
    }

    @Test
    void hostAndGatewayNeedTheirOwnUnicastAddressesAndTheMtuMustFitIPv6() {
        Vni vni = new Vni(7);
        assertThrows(InvalidRequestException.class, () -> SegmentPort.of(vni, GATEWAY, GATEWAY));
        assertThrows(InvalidRequestException.class, () -> SegmentPort.of(vni, new Ipv4Address("239.1.1.1"), GATEWAY));
        assertThrows(InvalidRequestException.class, () -> SegmentPort.of(vni, HOST, new Ipv4Address("127.0.0.1")));
        assertThrows(InvalidRequestException.class, () -> SegmentPort.of(vni, HOST, GATEWAY).withMtu(1279));
        assertThrows(InvalidRequestException.class, () -> SegmentPort.of(vni, HOST, GATEWAY).withMtu(9001));
        assertEquals(9000, SegmentPort.of(vni, HOST, GATEWAY).withMtu(9000).mtu());
    }

    @Test
    void onlyStrictDottedQuadsAreAddresses() {
        for (String bad : List.of("198.51.100", "198.51.100.256", "198.051.100.1", "198.51.100.1 ", "-1.2.3.4",
                "198.51.100.1;reboot", "::1", "")) {
            assertThrows(InvalidRequestException.class, () -> new Ipv4Address(bad), bad);
        }
        assertTrue(new Ipv4Address("10.0.0.1").isHostUnicast());
        assertFalse(new Ipv4Address("0.0.0.0").isHostUnicast());
        assertFalse(new Ipv4Address("255.255.255.255").isHostUnicast());
        assertEquals("10.0.0.1/24", Ipv4Interface.parse("10.0.0.1/24").toString());
        assertThrows(InvalidRequestException.class, () -> Ipv4Interface.parse("10.0.0.1/33"));
        assertThrows(InvalidRequestException.class, () -> Ipv4Interface.parse("10.0.0.1/024"));
        assertThrows(InvalidRequestException.class, () -> Ipv4Interface.parse("10.0.0.1"));
        assertThrows(InvalidRequestException.class, () -> Ipv4Interface.parse("224.0.0.1/4"));
    }

    @Test
    void uplinkNamesAreIshxAndAVniAndNothingElse() {
        for (String bad : List.of("ishx0", "ishx", "ishx123456789", "ishx07", "isbr7", "ishx7 ", "eth0")) {
            assertThrows(InvalidRequestException.class, () -> new UplinkName(bad), bad);
        }
        assertTrue(UplinkName.looksLikeUplink("ishx16777215"));
    }

    @Test
    void aBridgeKeepsItsUplinkStandInsAndLibvirtTapsButNothingElse() {
        BridgeName bridge = new BridgeName("isbr7");

        assertTrue(BridgeMembers.belongs(bridge, "ishx7"));
        assertTrue(BridgeMembers.belongs(bridge, "isvp0a1b2c3d0"));
        assertTrue(BridgeMembers.belongs(bridge, "vnet12"));
        assertFalse(BridgeMembers.belongs(bridge, "ishx8"), "another segment's uplink would join two segments");
        assertFalse(BridgeMembers.belongs(bridge, "eth0"));
        assertFalse(BridgeMembers.belongs(bridge, "isst-mgmt"));
        assertThrows(InvalidRequestException.class, () -> BridgeMembers.requireEnslavable(bridge, "vnet12"),
                "libvirt plugs its own taps; a driver never enslaves them");
    }
}
