package io.isthmus.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.domain.isolation.IsolationPolicy;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.stitch.VlanId;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.SiteLeg;
import io.isthmus.gateway.domain.tunnel.UdpPortRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {

    private static Properties valid() {
        Properties p = new Properties();
        p.setProperty("gateway.id", "gw-req");
        p.setProperty("gateway.listen", "http://127.0.0.1:8201/gateway/GatewayService");
        p.setProperty("gateway.dataDir", "/tmp/isthmus/gw-req");
        p.setProperty("gateway.tunnelAddress", "198.51.100.1");
        p.setProperty("gateway.underlayDevice", "wan0");
        return p;
    }

    @Test
    void loadsTheShippedExampleWithCommentsAndOptionalKeys(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gw.properties");
        Files.writeString(file, """
                gateway.id=gw-req
                gateway.listen=http://127.0.0.1:8201/gateway/GatewayService
                gateway.dataDir=/tmp/isthmus/gw-req
                gateway.tunnelAddress=198.51.100.1     # this gateway's underlay address
                gateway.underlayDevice=wan0            # device VXLAN runs over
                gateway.trunk=trunk0
                gateway.netns=isth-gw-req
                """);
        GatewayConfig c = GatewayConfig.load(file);
        assertEquals("gw-req", c.id().value());
        assertEquals("198.51.100.1", c.tunnelAddress().value());
        assertEquals("wan0", c.underlayDevice().value());
        assertEquals("trunk0", c.trunk().orElseThrow().value());
        assertEquals("isth-gw-req", c.netns().orElseThrow().value());
        assertEquals("/gateway/GatewayService", c.listenPath());
        assertEquals(Duration.ofSeconds(5), c.reapInterval());
        assertEquals(Duration.ofSeconds(600), c.leases().maxHold(), "gateway.hold.maxSeconds defaults to 600");
        assertEquals(Duration.ofSeconds(60), c.leases().teardownGrace(), "gateway.teardown.graceSeconds: 60");
    }

    @Test
    void leasesAreConfigurable() {
        Properties p = valid();
        p.setProperty("gateway.hold.maxSeconds", "120");
        p.setProperty("gateway.teardown.graceSeconds", "0");
        GatewayConfig c = GatewayConfig.fromProperties(p);
        assertEquals(Duration.ofSeconds(120), c.leases().maxHold());
        assertEquals(Duration.ZERO, c.leases().teardownGrace());
    }

    @Test
    void theKillFileIsOptionalAndOffByDefault() {
        assertEquals(Optional.empty(), GatewayConfig.fromProperties(valid()).killAtFile(),
                "no fault injection unless asked for");
        Properties p = valid();
        p.setProperty("gateway.fault.killAtFile", "/tmp/isthmus/kill-gw-req   # crash tests");
        assertEquals(Optional.of(Path.of("/tmp/isthmus/kill-gw-req")), GatewayConfig.fromProperties(p).killAtFile());
        assertBad("gateway.fault.killAtFile", "/tmp/a\0b", "Nul character not allowed");
    }

    @Test
    void shippedExampleConfigIsValid() {
        GatewayConfig c = GatewayConfig.load(Path.of("src/main/config/gw-req.properties"));
        assertEquals("gw-req", c.id().value());
        assertEquals(8201, c.listen().getPort());
    }

    @Test
    void trunkAndNetnsAreOptional() {
        GatewayConfig c = GatewayConfig.fromProperties(valid());
        assertEquals(Optional.empty(), c.trunk());
        assertEquals(Optional.empty(), c.netns());
    }

    @Test
    void missingKeyIsNamed() {
        Properties p = valid();
        p.remove("gateway.tunnelAddress");
        GatewayConfigException e = assertThrows(GatewayConfigException.class, () -> GatewayConfig.fromProperties(p));
        assertTrue(e.getMessage().contains("missing gateway.tunnelAddress"), e.getMessage());
    }

    @Test
    void badValuesNameTheirKeyAndSayWhatIsExpected() {
        assertBad("gateway.tunnelAddress", "198.51.100.300", "not an IPv4 address");
        assertBad("gateway.id", "GW_Req", "lowercase letter");
        assertBad("gateway.underlayDevice", "a-name-longer-than-15", "not a valid Linux interface name");
        assertBad("gateway.trunk", "trunk0;reboot", "not a valid Linux interface name");
        assertBad("gateway.listen", "ftp://127.0.0.1:8201/x", "must be http://host:port/path");
        assertBad("gateway.listen", "http://127.0.0.1/gateway", "must be http://host:port/path");
        assertBad("gateway.netns", "../etc", "network namespace name");
        assertBad("gateway.reapIntervalSeconds", "0", "at least 1 second");
        assertBad("gateway.hold.maxSeconds", "0", "at least 1 second");
        assertBad("gateway.teardown.graceSeconds", "-1", "must not be negative");
    }

    private static void assertBad(String key, String value, String expected) {
        Properties p = valid();
        p.setProperty(key, value);
        GatewayConfigException e = assertThrows(GatewayConfigException.class, () -> GatewayConfig.fromProperties(p));
        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void theShippedSiteGatewayExampleHasASiteLegOnItsOwnPort() {
        GatewayConfig c = GatewayConfig.load(Path.of("src/main/config/gw-a.properties"));
        SiteLeg leg = c.siteLeg().orElseThrow();
        assertEquals("198.51.100.10", leg.address().value());
        assertEquals(List.of("198.51.100.11", "198.51.100.12"), leg.hosts().stream().map(Ipv4Address::value).toList());
        assertEquals("site0", leg.device().orElseThrow().value());
        assertEquals(4790, leg.port());
        assertEquals(List.of(8101), c.protectedPorts());
    }

    @Test
    void aRequesterGatewayHasNoSiteLegAndTheSitePortDefaultsTo4790() {
        assertEquals(Optional.empty(), GatewayConfig.fromProperties(valid()).siteLeg());
        assertEquals(List.of(), GatewayConfig.fromProperties(valid()).protectedPorts());
        Properties p = valid();
        p.setProperty("gateway.siteAddress", "198.51.100.10");
        p.setProperty("gateway.siteHosts", " 198.51.100.11 , 198.51.100.12   # two hosts");
        SiteLeg leg = GatewayConfig.fromProperties(p).siteLeg().orElseThrow();
        assertEquals(4790, leg.port());
        assertEquals(Optional.empty(), leg.device());
        assertEquals(2, leg.hosts().size());
    }

    @Test
    void siteLegMistakesNameTheirKey() {
        assertSite(Map.of("gateway.siteAddress", "198.51.100.10"), "missing gateway.siteHosts");
        assertSite(Map.of("gateway.siteHosts", "198.51.100.11"),
                "gateway.siteHosts: only a site gateway has a site leg; set gateway.siteAddress");
        assertSite(Map.of("gateway.sitePort", "4790"), "gateway.sitePort: only a site gateway");
        assertSite(Map.of("gateway.siteAddress", "198.51.100.10", "gateway.siteHosts", "198.51.100.11",
                "gateway.sitePort", "4789"), "gateway.sitePort: 4789 is the inter-site VXLAN port");
        assertSite(Map.of("gateway.siteAddress", "198.51.100.10", "gateway.siteHosts", "198.51.100.11,,198.51.100.12"),
                "gateway.siteHosts: '198.51.100.11,,198.51.100.12' has an empty item");
        assertSite(Map.of("gateway.siteAddress", "198.51.100.10", "gateway.siteHosts", "198.51.100.11,198.51.100.11"),
                "gateway.siteHosts: site host addresses");
        assertSite(Map.of("gateway.siteAddress", "198.51.100.10", "gateway.siteHosts", "198.51.100.10"),
                "gateway.siteHosts: site hosts [198.51.100.10] include the gateway's own site address");
        assertSite(Map.of("gateway.siteAddress", "198.51.100.10", "gateway.siteHosts", "host-b"),
                "gateway.siteHosts: 'host-b' is not an IPv4 address");
        assertBad("gateway.siteAddress", "10.0.0", "not an IPv4 address");
        assertBad("gateway.siteDevice", "site0;reboot", "not a valid Linux interface name");
        assertBad("gateway.protectedPorts", "8101,99999", "port 99999 is out of range");
        assertBad("gateway.protectedPorts", "8101,ssh", "'ssh' is not a port number");
    }

    @Test
    void isolationProtectsTheTunnelSiteAndListenAddressesAndTheServicePorts() {
        Properties p = valid();
        p.setProperty("gateway.listen", "http://192.0.2.5:8202/gateway/GatewayService");
        p.setProperty("gateway.siteAddress", "198.51.100.10");
        p.setProperty("gateway.siteHosts", "198.51.100.11");
        p.setProperty("gateway.protectedPorts", "8101,8102");
        IsolationPolicy policy = GatewayConfig.fromProperties(p).isolationPolicy();
        assertEquals(List.of("198.51.100.1", "198.51.100.10", "192.0.2.5"),
                policy.ipv4().stream().map(Ipv4Address::value).toList());
        assertEquals(List.of(8101, 8102, 8202), policy.tcpPorts());
        assertEquals(List.of(), policy.ipv6());

        p.setProperty("gateway.listen", "http://[2001:db8::5]:8202/gateway/GatewayService");
        assertEquals("2001:db8:0:0:0:0:0:5",
                GatewayConfig.fromProperties(p).isolationPolicy().ipv6().get(0).value());
        p.setProperty("gateway.listen", "http://0.0.0.0:8202/gateway/GatewayService");
        assertEquals(2, GatewayConfig.fromProperties(p).isolationPolicy().ipv4().size(),
                "a wildcard listen address is no address to match (the gateway takes no segment frame at all)");
    }

    @Test
    void accessPortsMapVlansToInterfacesAndTheOpenvpnPortsDefaultTo11940() {
        Properties p = valid();
        assertEquals(Map.of(), GatewayConfig.fromProperties(p).accessPorts());
        assertEquals(new UdpPortRange(11940, 12039), GatewayConfig.fromProperties(p).openvpnPorts());
        p.setProperty("gateway.accessPorts", "100:acc100, 200:acc200   # two access ports");
        p.setProperty("gateway.openvpnPorts", "20000-20009");
        GatewayConfig c = GatewayConfig.fromProperties(p);
        assertEquals(Map.of(new VlanId(100), new InterfaceName("acc100"), new VlanId(200), new InterfaceName("acc200")),
                c.accessPorts());
        assertEquals(new UdpPortRange(20000, 20009), c.openvpnPorts());
        assertEquals(List.of(new InterfaceName("acc100"), new InterfaceName("acc200")),
                c.isolationPolicy().portNames(), "tenant frames enter by the access ports too");
    }

    @Test
    void accessPortAndOpenvpnPortMistakesNameTheirKey() {
        assertBad("gateway.accessPorts", "100=acc100", "is not <vlan>:<interface>");
        assertBad("gateway.accessPorts", "5000:acc", "VLAN id 5000 is out of range");
        assertBad("gateway.accessPorts", "100:acc;reboot", "not a valid Linux interface name");
        assertBad("gateway.accessPorts", "100:a,100:b", "VLAN 100 has two access ports");
        assertBad("gateway.accessPorts", "100:a,200:a", "a is the access port of two VLANs");
        assertBad("gateway.accessPorts", "100:isvl7", "named like an interface the gateway creates");
        assertBad("gateway.accessPorts", "100:wan0", "already the gateway's underlay, trunk or site device");
        assertBad("gateway.openvpnPorts", "11940", "not a UDP port range");
        assertBad("gateway.openvpnPorts", "12000-11940", "is empty");
        assertBad("gateway.openvpnPorts", "4700-4800", "contains UDP 4789, which the VXLAN tunnels use");
    }

    private static void assertSite(Map<String, String> keys, String expected) {
        Properties p = valid();
        keys.forEach(p::setProperty);
        GatewayConfigException e = assertThrows(GatewayConfigException.class, () -> GatewayConfig.fromProperties(p));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
