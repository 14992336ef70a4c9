package io.isthmus.gateway.bench;

import io.isthmus.gateway.application.stitch.StitchService;
import io.isthmus.gateway.domain.isolation.IsolationStatus;
import io.isthmus.gateway.infrastructure.persistence.H2BookingRepository;
import io.isthmus.gateway.testsupport.GatewayHost;
import io.isthmus.gateway.testsupport.TestNetwork;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Two real gateways gw-0 (198.51.100.1, the lower address: it listens for openvpn) and gw-1 (198.51.100.2), each in
 * its own namespace with {@code wan0} on one underlay bridge (MTU 1500, as in the gateway tests), with their
 * isolation rules applied as {@code GatewayServer.start} does. Namespaces are {@code isbench-<random>-<role>}.
 */
final class GatewayPair implements AutoCloseable {

    static final List<String> ADDRESSES = List.of("198.51.100.1", "198.51.100.2");

    final TestNetwork net = new TestNetwork("isbench");
    private final List<String> namespaces = new ArrayList<>();
    private final List<H2BookingRepository> stores = new ArrayList<>();
    private final List<AssembledGateway> gateways = new ArrayList<>();

    GatewayPair(Path dataDir) {
        try {
            String underlay = net.namespace("ul");
            net.ip(underlay, "link", "add", "ul0", "type", "bridge");
            net.ip(underlay, "link", "set", "ul0", "up");
            for (int i = 0; i < 2; i++) {
                String gw = net.namespace("g" + i);
                namespaces.add(gw);
                net.veth(gw, "wan0", underlay, "ulp" + i);
                net.ip(underlay, "link", "set", "ulp" + i, "master", "ul0");
                net.ip(gw, "addr", "add", ADDRESSES.get(i) + "/24", "dev", "wan0");
                Path dir = dataDir.resolve("gw-" + i);
                stores.add(H2BookingRepository.open(dir));
                AssembledGateway gateway = AssembledGateway.assemble(
                        GatewayHost.config("gw-" + i, gw, ADDRESSES.get(i), false, dir), stores.get(i),
                        Clock.systemUTC());
                IsolationStatus isolation = gateway.isolation().apply();
                if (!isolation.active()) {
                    System.err.println("bench: gw-" + i + " runs without its isolation rules: " + isolation.describe());
                }
                gateways.add(gateway);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    StitchService service(int i) {
        return gateways.get(i).service();
    }

    /** The namespace of gateway {@code i}. */
    String namespace(int i) {
        return namespaces.get(i);
    }

    /** The links named like the gateway's own (bridges, tunnels, TAPs) in gateway {@code i}'s namespace. */
    int managedLinks(int i) {
        return net.managedLinks(namespaces.get(i)).size();
    }

    /** How many openvpn processes run in gateway {@code i}'s namespace. */
    long openvpnProcesses(int i) {
        return net.pids(namespaces.get(i)).stream().map(TestNetwork::commandLine)
                .filter(c -> c.startsWith("openvpn ")).count();
    }

    /** Stores closed, then every namespace deleted after the processes in it (openvpn, iperf3, ping) are killed. */
    @Override
    public void close() {
        try {
            stores.forEach(H2BookingRepository::close);
            stores.clear();
        } finally {
            net.close();
        }
    }

    @Override
    public String toString() {
        return "gateway pair " + namespaces;
    }
}
