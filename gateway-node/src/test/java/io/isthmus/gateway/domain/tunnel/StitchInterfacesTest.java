package io.isthmus.gateway.domain.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.stitch.SegmentName;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.VlanId;
import io.isthmus.gateway.domain.stitch.Vni;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StitchInterfacesTest {

    private static StitchSpec spec(int vni, TunnelKind kind, Integer vlan) {
        return new StitchSpec(new SegmentName("lan"), new Vni(vni), kind,
                Optional.ofNullable(vlan).map(VlanId::new), List.of(new Ipv4Address("198.51.100.2")));
    }

    @Test
    void namesComeOnlyFromTheVni() {
        StitchInterfaces names = StitchInterfaces.of(spec(5001, TunnelKind.VXLAN, 100));
        assertEquals(List.of("isbr5001", "isvx5001", "isvl5001"),
                names.all().stream().map(InterfaceName::value).toList());
        assertEquals("isgt5001", StitchInterfaces.of(spec(5001, TunnelKind.GRETAP, null)).tunnels().get(0).value());
        assertEquals(Optional.empty(), StitchInterfaces.of(spec(5001, TunnelKind.VXLAN, null)).vlan());
    }

    @Test
    void theLargestVniStillFitsTheKernelLimit() {
        StitchInterfaces names = StitchInterfaces.of(spec(Vni.MAX, TunnelKind.VXLAN, 4094));
        names.all().forEach(n -> assertTrue(n.value().length() <= InterfaceName.MAX_LENGTH, n.value()));
        assertEquals("isvx16777215", names.tunnels().get(0).value());
    }

    @Test
    void interfaceNamesThatCouldHarmACommandAreRefused() {
        for (String bad : List.of("", "a-name-of-16-chr", "-rf", ".hidden", "eth0;reboot", "a b", "wan/0", "x$")) {
            assertThrows(InvalidRequestException.class, () -> new InterfaceName(bad), bad);
        }
        assertEquals("trunk0.100", new InterfaceName("trunk0.100").value());
    }

    @Test
    void onlyVniNumberedGatewayNamesAreManaged() {
        assertTrue(StitchInterfaces.isManaged(new InterfaceName("isbr5001")));
        assertTrue(StitchInterfaces.isManaged(new InterfaceName("isvl7")));
        assertFalse(StitchInterfaces.isManaged(new InterfaceName("isbridge")));
        assertFalse(StitchInterfaces.isManaged(new InterfaceName("isthprobevx")));
        assertFalse(StitchInterfaces.isManaged(new InterfaceName("wan0")));
    }

    @Test
    void anOpenvpnStitchHasOneTapPerPeerNumberedByNumericAddressOrder() {
        StitchSpec spec = new StitchSpec(new SegmentName("lan"), new Vni(5001), TunnelKind.OPENVPN, Optional.empty(),
                List.of(new Ipv4Address("198.51.100.10"), new Ipv4Address("198.51.100.9"), new Ipv4Address("10.1.1.1")));
        assertEquals(List.of(new Ipv4Address("10.1.1.1"), new Ipv4Address("198.51.100.9"),
                new Ipv4Address("198.51.100.10")), spec.peersByAddress(), ".9 comes before .10: numbers, not text");
        assertEquals(List.of("isbr5001", "isov5001p0", "isov5001p1", "isov5001p2"),
                StitchInterfaces.of(spec).all().stream().map(InterfaceName::value).toList());
        StitchSpec widest = new StitchSpec(new SegmentName("lan"), new Vni(Vni.MAX), TunnelKind.OPENVPN,
                Optional.empty(), java.util.stream.IntStream.range(0, StitchInterfaces.MAX_OPENVPN_PEERS)
                        .mapToObj(i -> new Ipv4Address("10.0." + i + ".1")).toList());
        assertEquals("isov16777215p99", StitchInterfaces.openVpnTaps(widest).get(99).value(),
                "the hundredth TAP of the largest VNI still fits 15 characters");
    }

    @Test
    void openvpnTapsAreManagedButNotTheirLookAlikes() {
        assertTrue(StitchInterfaces.isManaged(new InterfaceName("isov5001p0")));
        assertTrue(StitchInterfaces.isManaged(new InterfaceName("isov16777215p99")));
        assertFalse(StitchInterfaces.isManaged(new InterfaceName("isov5001")), "openvpn ports always carry a peer index");
        assertFalse(StitchInterfaces.isManaged(new InterfaceName("isov5001p100")));
        assertFalse(StitchInterfaces.isManaged(new InterfaceName("isov5001p01")));
        assertFalse(StitchInterfaces.isManaged(new InterfaceName("isthprobeov")));
    }

    @Test
    void withoutATrunkTheVlanComesByTheAccessPortWhichIsListedButNotOwned() {
        StitchInterfaces names = StitchInterfaces.of(spec(5001, TunnelKind.VXLAN, 100), false, false,
                Optional.of(new InterfaceName("acc100")));
        assertEquals(Optional.empty(), names.vlan());
        assertEquals(List.of("isbr5001", "isvx5001", "acc100"), names.all().stream().map(InterfaceName::value).toList());
        assertEquals(List.of("isbr5001", "isvx5001"), names.owned().stream().map(InterfaceName::value).toList(),
                "the access port is the operator's: never created or deleted");
        assertEquals(Optional.empty(), StitchInterfaces.of(spec(5001, TunnelKind.VXLAN, null), false, false,
                Optional.of(new InterfaceName("acc100"))).accessPort(), "an untagged segment needs no access port");
    }

    @Test
    void vniAndVlanRangesAreEnforced() {
        assertThrows(InvalidRequestException.class, () -> new Vni(0));
        assertThrows(InvalidRequestException.class, () -> new Vni(Vni.MAX + 1));
        assertThrows(InvalidRequestException.class, () -> new VlanId(4095));
        assertThrows(InvalidRequestException.class, () -> spec(1, TunnelKind.VXLAN, 0));
    }

    @Test
    void aSiteGatewayAddsItsSiteLegNamedFromTheVni() {
        StitchInterfaces names = StitchInterfaces.of(spec(5001, TunnelKind.VXLAN, null), true);
        assertEquals(List.of("isbr5001", "isvx5001", "ishv5001"),
                names.all().stream().map(InterfaceName::value).toList());
        assertEquals("ishv16777215", StitchInterfaces.of(spec(Vni.MAX, TunnelKind.VXLAN, null), true)
                .siteLeg().orElseThrow().value());
        assertTrue(StitchInterfaces.isManaged(new InterfaceName("ishv5001")));
        assertFalse(StitchInterfaces.isManaged(new InterfaceName("ishx5001")), "a host's uplink is not the gateway's");
        assertEquals(List.of("isvx", "isgt", "isov", "isvl", "ishv"), StitchInterfaces.segmentPortPrefixes());
    }
}
