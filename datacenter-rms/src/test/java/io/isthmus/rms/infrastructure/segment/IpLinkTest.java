package io.isthmus.rms.infrastructure.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading {@code ip -o [-d] link show} as iproute2 6.1 prints it. */
class IpLinkTest {

    private static final String VXLAN_ON_BRIDGE = "3: ishx7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue"
            + " master isbr7 state UNKNOWN mode DEFAULT group default qlen 1000\\    link/ether f2:fa:9a:4d:6b:01 brd"
            + " ff:ff:ff:ff:ff:ff promiscuity 1  allmulti 1 minmtu 68 maxmtu 65535 \\    vxlan id 7 remote 198.51.100.1"
            + " local 198.51.100.11 srcport 0 0 dstport 4789 nolearning ttl auto ageing 300 udpcsum \\    bridge_slave"
            + " state forwarding priority 32 cost 100 hairpin off learning off flood on addrgenmode none numtxqueues 1";
    private static final String BRIDGE_DOWN = "2: isbr7: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode"
            + " DEFAULT group default qlen 1000\\    link/ether f2:fa:9a:4d:6b:01 brd ff:ff:ff:ff:ff:ff"
            + " promiscuity 0 \\    bridge forward_delay 1500 hello_time 200 stp_state 0 addrgenmode eui64 numtxqueues 1";
    private static final String VETH = "5: isvpabcdef120@eth0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state"
            + " DOWN mode DEFAULT group default qlen 1000\\    link/ether 36:36:08:02:5f:27 brd ff:ff:ff:ff:ff:ff";

    @Test
    void aVxlanOnABridgeShowsItsTunnelAndPortSettings() {
        IpLink link = IpLink.parse(VXLAN_ON_BRIDGE).orElseThrow();

        assertEquals("ishx7", link.name());
        assertTrue(link.isUp());
        assertEquals(1450, link.mtu());
        assertEquals(Optional.of("isbr7"), link.master());
        assertTrue(link.isKind("vxlan"));
        assertEquals(Optional.of("198.51.100.1"), link.attribute("remote"));
        assertEquals(Optional.of("4789"), link.attribute("dstport"));
        assertTrue(link.hasKindFlag("nolearning"));
        assertEquals(Optional.of("off"), link.portAttribute("learning"));
        assertEquals(Optional.of("none"), link.setting("addrgenmode"));
    }

    @Test
    void aDownBridgeAndAVethWithItsPeerSuffix() {
        List<IpLink> links = IpLink.parseAll(BRIDGE_DOWN + "\n" + VETH + "\nnot a link line\n");

        assertEquals(List.of("isbr7", "isvpabcdef120"), links.stream().map(IpLink::name).toList());
        IpLink bridge = links.get(0);
        assertFalse(bridge.isUp());
        assertTrue(bridge.isKind("bridge"));
        assertEquals(Optional.empty(), bridge.master());
        assertEquals(Optional.of("eui64"), bridge.setting("addrgenmode"));
        assertEquals(Optional.empty(), links.get(1).kind(), "no -d, no kind");
    }
}
