package io.isthmus.rms.infrastructure.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.compute.BridgeName;
import io.isthmus.rms.domain.segment.Ipv4Address;
import io.isthmus.rms.domain.segment.SegmentPort;
import io.isthmus.rms.domain.segment.UplinkName;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.domain.site.NamespaceName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exact iproute2 argument arrays, on the host and inside an emulated host's namespace. */
class LinuxBridgeCommandsTest {

    private static final Vni VNI = new Vni(16_777_215);
    private final LinuxBridgeCommands onHost = new LinuxBridgeCommands(Optional.empty());
    private final LinuxBridgeCommands inH1 = new LinuxBridgeCommands(Optional.of(new NamespaceName("isst-h1")));
    private final BridgeName bridge = BridgeName.forSegment(VNI);

    @Test
    void theLongestNamesStayWithinFifteenCharacters() {
        assertEquals("isbr16777215", bridge.value());
        assertEquals("ishx16777215", UplinkName.forSegment(VNI).value());
    }

    @Test
    void bridgeAndUplinkCommands() {
        SegmentPort port = SegmentPort.of(VNI, new Ipv4Address("198.51.100.11"), new Ipv4Address("198.51.100.1"));

        assertEquals(List.of("ip", "link", "add", "name", "isbr16777215", "mtu", "1450", "type", "bridge"),
                onHost.addBridge(bridge, 1450));
        assertEquals(List.of("ip", "-n", "isst-h1", "link", "add", "name", "ishx16777215", "mtu", "1450", "type",
                "vxlan", "id", "16777215", "local", "198.51.100.11", "remote", "198.51.100.1", "dstport", "4790",
                "nolearning"), inH1.addUplink(port));
        assertEquals(List.of("bridge", "-n", "isst-h1", "link", "set", "dev", "ishx16777215", "learning", "off"),
                inH1.uplinkLearningOff(port.uplink()));
        assertEquals(List.of("ip", "link", "set", "dev", "ishx16777215", "master", "isbr16777215"),
                onHost.enslave("ishx16777215", bridge));
    }

    @Test
    void linkCommands() {
        assertEquals(List.of("ip", "-n", "isst-h1", "-o", "-d", "link", "show"), inH1.listLinks());
        assertEquals(List.of("ip", "-o", "-d", "link", "show", "dev", "isbr7"), onHost.showLink("isbr7"));
        assertEquals(List.of("ip", "-o", "link", "show", "master", "isbr16777215"), onHost.listMembers(bridge));
        assertEquals(List.of("ip", "link", "set", "dev", "isbr7", "addrgenmode", "none"), onHost.noAddresses("isbr7"));
        assertEquals(List.of("ip", "link", "set", "dev", "isbr7", "mtu", "1400"), onHost.setMtu("isbr7", 1400));
        assertEquals(List.of("ip", "-n", "isst-h1", "link", "set", "dev", "isbr7", "up"), inH1.up("isbr7"));
        assertEquals(List.of("ip", "-n", "isst-h1", "link", "del", "dev", "ishx7"), inH1.delete("ishx7"));
    }

    @Test
    void aStandInPortMayJoinTheBridge() {
        assertEquals(List.of("ip", "link", "set", "dev", "isvp0a1b2c3d12", "master", "isbr16777215"),
                onHost.enslave("isvp0a1b2c3d12", bridge));
    }

    @Test
    void nothingButTheSegmentsOwnPortsIsEverEnslaved() {
        for (String foreign : List.of("eth0", "ens3", "ishx7", "isbr16777215", "vnet0", "isvp0A1B2C3D0",
                "isvp0a1b2c3d100", "isvp0a1b2c3d0;x", "-eth0", "")) {
            InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                    () -> onHost.enslave(foreign, bridge), foreign);
            assertTrue(refused.getMessage().contains("never a management or foreign interface"), refused.getMessage());
        }
        assertThrows(InvalidRequestException.class, () -> onHost.enslave(null, bridge));
    }
}
