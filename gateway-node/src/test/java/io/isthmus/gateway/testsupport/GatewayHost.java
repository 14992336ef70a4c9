package io.isthmus.gateway.testsupport;

import io.isthmus.gateway.GatewayConfig;
import java.net.ServerSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/** Builds gateway configurations for tests: a namespace with an underlay veth and, optionally, a trunk. */
public final class GatewayHost {

    private GatewayHost() {
    }

    public static Properties properties(String id, String netns, String tunnelAddress, boolean trunk, Path dataDir) {
        Properties p = new Properties();
        p.setProperty("gateway.id", id);
        p.setProperty("gateway.listen", "http://127.0.0.1:" + freePort() + "/gateway/GatewayService");
        p.setProperty("gateway.dataDir", dataDir.toString());
        p.setProperty("gateway.tunnelAddress", tunnelAddress);
        p.setProperty("gateway.underlayDevice", "wan0");
        p.setProperty("gateway.netns", netns);
        if (trunk) {
            p.setProperty("gateway.trunk", "trunk0");
        }
        return p;
    }

    public static GatewayConfig config(String id, String netns, String tunnelAddress, boolean trunk, Path dataDir) {
        return GatewayConfig.fromProperties(properties(id, netns, tunnelAddress, trunk, dataDir));
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
