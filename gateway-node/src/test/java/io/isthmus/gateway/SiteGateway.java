package io.isthmus.gateway;

import io.isthmus.gateway.infrastructure.command.CommandRunner;
import io.isthmus.gateway.infrastructure.command.ProcessCommandRunner;
import io.isthmus.gateway.infrastructure.persistence.H2BookingRepository;
import io.isthmus.gateway.testsupport.GatewayHost;
import io.isthmus.gateway.testsupport.MutableClock;
import io.isthmus.gateway.testsupport.TestNetwork;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

/**
 * A provider site in namespaces named {@code isgs-*}: the site gateway gw-a with its WAN leg (198.51.100.2/28 on
 * {@code wan0}), its site LAN (bridge {@code site0}, 198.51.100.17/28) and a management address (198.51.100.33/28
 * on {@code mgmt0}, where its service listens), and two site hosts A (.18) and B (.19) whose segment bridges have
 * one VXLAN uplink {@code ishx<vni>} to the gateway on UDP 4790, as the site RMS builds them.
 */
final class SiteGateway implements AutoCloseable {

    static final String PEER_GATEWAY = "198.51.100.1";
    static final String TUNNEL_ADDRESS = "198.51.100.2";
    static final String SITE_ADDRESS = "198.51.100.17";
    static final String HOST_A = "198.51.100.18";
    static final String HOST_B = "198.51.100.19";
    static final String MANAGEMENT_ADDRESS = "198.51.100.33";

    final TestNetwork net = new TestNetwork("isgs");
    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    final int servicePort = GatewayHost.freePort();
    final String gw;
    final String hostA;
    final String hostB;
    private final Path dataDir;
    private H2BookingRepository store;
    GatewayParts parts;

    SiteGateway(Path dataDir) {
        this.dataDir = dataDir;
        try {
            gw = net.namespace("gw");
            String wan = net.namespace("wan");
            hostA = net.namespace("ha");
            hostB = net.namespace("hb");
            net.veth(gw, "wan0", wan, "wan0");
            net.ip(gw, "addr", "add", TUNNEL_ADDRESS + "/28", "dev", "wan0");
            net.ip(wan, "addr", "add", PEER_GATEWAY + "/28", "dev", "wan0");
            net.veth(gw, "mgmt0", wan, "mgmt0");
            net.ip(gw, "addr", "add", MANAGEMENT_ADDRESS + "/28", "dev", "mgmt0");
            net.ip(gw, "link", "add", "site0", "type", "bridge");
            net.ip(gw, "addr", "add", SITE_ADDRESS + "/28", "dev", "site0");
            net.ip(gw, "link", "set", "site0", "up");
            siteHost(hostA, "lana", HOST_A);
            siteHost(hostB, "lanb", HOST_B);
            store = H2BookingRepository.open(dataDir);
            parts = GatewayParts.assemble(config(), store, clock);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    GatewayConfig config() {
        Properties p = GatewayHost.properties("gw-a", gw, TUNNEL_ADDRESS, false, dataDir);
        p.setProperty("gateway.listen", "http://" + MANAGEMENT_ADDRESS + ":" + servicePort + "/gateway/GatewayService");
        p.setProperty("gateway.siteAddress", SITE_ADDRESS);
        p.setProperty("gateway.siteHosts", HOST_A + "," + HOST_B);
        p.setProperty("gateway.siteDevice", "site0");
        p.setProperty("gateway.protectedPorts", "8101");
        return GatewayConfig.fromProperties(p);
    }

    /** The gateway again, as a restarted process would assemble it (same store, fresh probes). */
    GatewayParts restart(CommandRunner runner) {
        return GatewayParts.assemble(config(), store, clock, runner);
    }

    GatewayParts restart() {
        return restart(new ProcessCommandRunner());
    }

    H2BookingRepository store() {
        return store;
    }

    /**
     * What the site RMS builds on a host for segment {@code vni}: bridge {@code isbr<vni>} with the uplink
     * {@code ishx<vni>} (VXLAN to the gateway on UDP 4790, no learning on the bridge port).
     */
    void hostSegment(String host, String hostAddress, int vni) {
        String bridge = "isbr" + vni;
        String uplink = "ishx" + vni;
        net.ip(host, "link", "add", bridge, "type", "bridge");
        net.ip(host, "link", "set", bridge, "up");
        net.ip(host, "link", "add", uplink, "type", "vxlan", "id", Integer.toString(vni), "local", hostAddress,
                "remote", SITE_ADDRESS, "dstport", "4790", "nolearning");
        net.ip(host, "link", "set", uplink, "master", bridge);
        net.run(host, "bridge", "link", "set", "dev", uplink, "learning", "off");
        net.ip(host, "link", "set", uplink, "up");
    }

    /** A VM stand-in: a namespace whose {@code eth0} (with this MAC and IPv4/24) is a port of the host's bridge. */
    String standIn(String role, String host, int vni, String mac, String address) {
        String vm = net.namespace(role);
        String port = "vm" + role;
        net.veth(host, port, vm, "eth0");
        net.ip(host, "link", "set", port, "master", "isbr" + vni);
        net.ip(vm, "link", "set", "eth0", "address", mac);
        net.ip(vm, "addr", "add", address + "/24", "dev", "eth0");
        return vm;
    }

    private void siteHost(String host, String gatewayPort, String address) {
        net.veth(gw, gatewayPort, host, "eth0");
        net.ip(gw, "link", "set", gatewayPort, "master", "site0");
        net.ip(host, "addr", "add", address + "/28", "dev", "eth0");
    }

    @Override
    public void close() {
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            net.close();
        }
    }
}
