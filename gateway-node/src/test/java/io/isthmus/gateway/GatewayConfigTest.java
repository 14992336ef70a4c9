package io.isthmus.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    }

    private static void assertBad(String key, String value, String expected) {
        Properties p = valid();
        p.setProperty(key, value);
        GatewayConfigException e = assertThrows(GatewayConfigException.class, () -> GatewayConfig.fromProperties(p));
        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
