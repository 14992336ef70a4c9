package io.isthmus.gateway.infrastructure.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.stitch.SegmentName;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.VlanId;
import io.isthmus.gateway.domain.stitch.Vni;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.NetworkNamespace;
import io.isthmus.gateway.domain.tunnel.SiteLeg;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.infrastructure.command.ProcessCommandRunner;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Iproute2CommandsTest {

    private static final Iproute2Commands IN_NS = new Iproute2Commands(Optional.of(new NetworkNamespace("isth-gw-req")));
    private static final Iproute2Commands HOST = new Iproute2Commands(Optional.empty());
    private static final InterfaceName VX = new InterfaceName("isvx5001");

    @Test
    void vxlanRunsInTheNamespaceWithoutLearning() {
        assertEquals(List.of("ip", "-n", "isth-gw-req", "link", "add", "isvx5001", "type", "vxlan", "id", "5001",
                        "local", "198.51.100.1", "dev", "wan0", "dstport", "4789", "nolearning"),
                IN_NS.addVxlan(VX, new Vni(5001), new Ipv4Address("198.51.100.1"), new InterfaceName("wan0")));
    }

    @Test
    void everyPeerGetsAnAllZeroFdbEntryForHeadEndReplication() {
        assertEquals(List.of("bridge", "-n", "isth-gw-req", "fdb", "append", "00:00:00:00:00:00", "dev", "isvx5001",
                "dst", "198.51.100.2"), IN_NS.fdbAppend(VX, new Ipv4Address("198.51.100.2")));
        assertEquals(List.of("bridge", "fdb", "append", "00:00:00:00:00:00", "dev", "isvx5001", "dst", "198.51.100.3"),
                HOST.fdbAppend(VX, new Ipv4Address("198.51.100.3")));
    }

    @Test
    void vlanSubInterfaceSitsOnTheTrunk() {
        assertEquals(List.of("ip", "link", "add", "link", "trunk0", "name", "isvl5001", "type", "vlan", "id", "100"),
                HOST.addVlan(new InterfaceName("isvl5001"), new InterfaceName("trunk0"), new VlanId(100)));
    }

    @Test
    void bridgePortAndLifecycleCommands() {
        InterfaceName br = new InterfaceName("isbr5001");
        assertEquals(List.of("ip", "-n", "isth-gw-req", "link", "add", "isbr5001", "type", "bridge"), IN_NS.addBridge(br));
        assertEquals(List.of("ip", "link", "set", "dev", "isvx5001", "master", "isbr5001"), HOST.setMaster(VX, br));
        assertEquals(List.of("ip", "link", "set", "dev", "isbr5001", "up"), HOST.setUp(br));
        assertEquals(List.of("ip", "link", "del", "dev", "isbr5001"), HOST.delete(br));
        assertEquals(List.of("ip", "-n", "isth-gw-req", "-o", "link", "show"), IN_NS.listLinks());
    }

    @Test
    void gretapIsKeyedByTheVniTowardsItsOnePeer() {
        IpLinks links = new IpLinks(new GatewayId("gw-req"), new ProcessCommandRunner(), IN_NS);
        GretapTunnelDriver driver = new GretapTunnelDriver(links, new Ipv4Address("198.51.100.1"),
                new InterfaceName("wan0"));
        StitchSpec one = spec(TunnelKind.GRETAP, "198.51.100.2");
        assertEquals(List.of("ip", "-n", "isth-gw-req", "link", "add", "isgt5001", "type", "gretap", "key", "5001",
                        "local", "198.51.100.1", "remote", "198.51.100.2", "dev", "wan0"),
                driver.command(new InterfaceName("isgt5001"), one));
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> driver.command(
                new InterfaceName("isgt5001"), spec(TunnelKind.GRETAP, "198.51.100.2", "198.51.100.3")));
        assertTrue(e.getMessage().contains("use vxlan for several peers"), e.getMessage());
    }

    @Test
    void probesUseAThrowAwayLinkOfTheKindAlone() {
        InterfaceName probe = new InterfaceName("isthprobegt");
        assertEquals(List.of("ip", "link", "add", "isthprobegt", "type", "gretap", "key", "1"),
                HOST.addProbe(probe, "gretap"));
        assertEquals(List.of("ip", "link", "add", "isthprobegt", "type", "vxlan", "id", "1", "dstport", "4789"),
                HOST.addProbe(probe, "vxlan"));
    }

    private static StitchSpec spec(TunnelKind kind, String... peers) {
        return new StitchSpec(new SegmentName("lan"), new Vni(5001), kind, Optional.empty(),
                List.of(peers).stream().map(Ipv4Address::new).toList());
    }

    @Test
    void theSiteLegLearnsOnTheSitePortAndHairpinsBetweenHosts() {
        SiteLeg leg = new SiteLeg(new Ipv4Address("198.51.100.10"), List.of(new Ipv4Address("198.51.100.11")),
                Optional.of(new InterfaceName("site0")), 4790);
        assertEquals(List.of("ip", "-n", "isth-gw-req", "link", "add", "ishv5001", "type", "vxlan", "id", "5001",
                        "local", "198.51.100.10", "dev", "site0", "dstport", "4790", "learning"),
                IN_NS.addSiteVxlan(new InterfaceName("ishv5001"), new Vni(5001), leg));
        SiteLeg noDevice = new SiteLeg(new Ipv4Address("198.51.100.10"), List.of(new Ipv4Address("198.51.100.11")),
                Optional.empty(), 4800);
        assertEquals(List.of("ip", "link", "add", "ishv7", "type", "vxlan", "id", "7", "local", "198.51.100.10",
                "dstport", "4800", "learning"), HOST.addSiteVxlan(new InterfaceName("ishv7"), new Vni(7), noDevice));
        assertEquals(List.of("bridge", "-n", "isth-gw-req", "link", "set", "dev", "ishv5001", "hairpin", "on"),
                IN_NS.hairpinOn(new InterfaceName("ishv5001")));
    }

    @Test
    void aSiteLegCannotShareTheInterSitePortOrListAHostTwice() {
        Ipv4Address gw = new Ipv4Address("198.51.100.10");
        Ipv4Address host = new Ipv4Address("198.51.100.11");
        InvalidRequestException port = assertThrows(InvalidRequestException.class,
                () -> new SiteLeg(gw, List.of(host), Optional.empty(), 4789));
        assertTrue(port.getMessage().contains("inter-site VXLAN port"), port.getMessage());
        assertThrows(InvalidRequestException.class, () -> new SiteLeg(gw, List.of(host, host), Optional.empty(), 4790));
        assertThrows(InvalidRequestException.class, () -> new SiteLeg(gw, List.of(gw), Optional.empty(), 4790));
        assertThrows(InvalidRequestException.class, () -> new SiteLeg(gw, List.of(), Optional.empty(), 4790));
    }
}
