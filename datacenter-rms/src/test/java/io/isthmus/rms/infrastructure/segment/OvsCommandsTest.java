package io.isthmus.rms.infrastructure.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.isthmus.rms.domain.compute.BridgeName;
import io.isthmus.rms.domain.segment.Ipv4Address;
import io.isthmus.rms.domain.segment.SegmentPort;
import io.isthmus.rms.domain.segment.Vni;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact ovs-vsctl argument arrays: every call bounded by a timeout, every value from a validated type. */
class OvsCommandsTest {

    private final OvsCommands commands = new OvsCommands();
    private final BridgeName bridge = BridgeName.forSegment(new Vni(42));

    @Test
    void theBridgeIsAddedOnlyIfMissingWithTheSegmentMtu() {
        assertEquals(List.of("ovs-vsctl", "--timeout=5", "--may-exist", "add-br", "isbr42", "--", "set", "interface",
                "isbr42", "mtu_request=1450"), commands.addBridge(bridge, 1450));
    }

    @Test
    void theUplinkIsAVxlanKeyedByTheVniToTheGatewayOnly() {
        SegmentPort port = SegmentPort.of(new Vni(42), new Ipv4Address("198.51.100.11"),
                new Ipv4Address("198.51.100.1"));

        assertEquals(List.of("ovs-vsctl", "--timeout=5", "--may-exist", "add-port", "isbr42", "ishx42", "--", "set",
                "interface", "ishx42", "type=vxlan", "options:key=42", "options:remote_ip=198.51.100.1",
                "options:local_ip=198.51.100.11", "options:dst_port=4790", "mtu_request=1450"),
                commands.addUplink(port));
    }

    @Test
    void probingListingAndDeletingCommands() {
        assertEquals(List.of("ovs-vsctl", "--version"), commands.version());
        assertEquals(List.of("ovs-vsctl", "--timeout=5", "show"), commands.show());
        assertEquals(List.of("ovs-vsctl", "--timeout=5", "list-br"), commands.listBridges());
        assertEquals(List.of("ovs-vsctl", "--timeout=5", "list-ports", "isbr42"), commands.listPorts(bridge));
        assertEquals(List.of("ovs-vsctl", "--timeout=5", "--if-exists", "del-br", "isbr42"),
                commands.deleteBridge(bridge));
    }
}
