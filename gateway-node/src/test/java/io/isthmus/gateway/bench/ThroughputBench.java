package io.isthmus.gateway.bench;

import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.testsupport.TestNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * iperf3 TCP from tenant 10.0.0.1 to tenant 10.0.0.2 over three paths: one veth pair between two namespaces
 * (direct), and through two real gateways stitched with vxlan or openvpn, each tenant veth'd into its gateway's
 * {@code isbr<vni>}. Each path is measured with every tenant MTU asked for.
 */
final class ThroughputBench {

    /** One path at one tenant MTU: the gateway bridge's MTU (0 when direct), the largest packet that crosses. */
    record Row(String path, int tenantMtu, int bridgeMtu, int largestPacket, List<Iperf3.Result> runs) {
    }

    private static final Pattern MTU = Pattern.compile(" mtu (\\d+) ");
    private static final String NEAR = "10.0.0.1";
    private static final String FAR = "10.0.0.2";

    private final BenchOptions options;
    private final Cleanup cleanup;
    private final Path dataDir;
    private final Iperf3 iperf;

    ThroughputBench(BenchOptions options, Cleanup cleanup, Path dataDir) {
        this.options = options;
        this.cleanup = cleanup;
        this.dataDir = dataDir;
        this.iperf = new Iperf3(options.seconds(), options.omit());
    }

    List<Row> run() {
        List<Row> rows = new ArrayList<>(direct());
        rows.addAll(overGateways(TunnelKind.VXLAN, 5001));
        rows.addAll(overGateways(TunnelKind.OPENVPN, 5101));
        return rows;
    }

    private List<Row> direct() {
        TestNetwork net = cleanup.register(new TestNetwork("isbench"));
        try {
            String near = net.namespace("da");
            String far = net.namespace("db");
            net.veth(near, "eth0", far, "eth0");
            net.ip(near, "addr", "add", NEAR + "/24", "dev", "eth0");
            net.ip(far, "addr", "add", FAR + "/24", "dev", "eth0");
            List<Row> rows = new ArrayList<>();
            for (int mtu : options.tenantMtus()) {
                setMtu(net, List.of(near, far), mtu);
                rows.add(measure("direct veth", net, near, far, mtu, 0));
            }
            return rows;
        } finally {
            cleanup.close(net);
        }
    }

    private List<Row> overGateways(TunnelKind kind, int vni) {
        GatewayPair pair = cleanup.register(new GatewayPair(dataDir.resolve("throughput-" + kind.wireName())));
        try {
            List<String> tenants = new ArrayList<>();
            for (int gw = 0; gw < 2; gw++) {
                String tenant = pair.net.namespace("t" + gw);
                tenants.add(tenant);
                pair.net.veth(pair.namespace(gw), "tport", tenant, "eth0");
                pair.net.ip(tenant, "addr", "add", (gw == 0 ? NEAR : FAR) + "/24", "dev", "eth0");
            }
            PairStitching stitching = new PairStitching(pair, kind);
            List<PairStitching.Reservation> reservation = PairStitching.oneReservation(List.of(vni));
            stitching.prepareAndCommit(reservation);
            stitching.stitch(reservation);
            for (int gw = 0; gw < 2; gw++) {
                pair.net.ip(pair.namespace(gw), "link", "set", "tport", "master", "isbr" + vni);
            }
            List<Row> rows = new ArrayList<>();
            for (int mtu : options.tenantMtus()) {
                setMtu(pair.net, tenants, mtu);
                rows.add(measure(kind.wireName() + " via 2 gateways", pair.net, tenants.get(0), tenants.get(1), mtu,
                        mtuOf(pair.net, pair.namespace(0), "isbr" + vni)));
            }
            stitching.unstitchAndAbort(reservation);
            return rows;
        } finally {
            cleanup.close(pair);
        }
    }

    private Row measure(String path, TestNetwork net, String near, String far, int tenantMtu, int bridgeMtu) {
        if (!net.pingsWithin(near, FAR, 30)) {
            throw new IllegalStateException(path + ": tenant " + NEAR + " does not reach " + FAR + " within 30 s");
        }
        int largest = new FrameProbe(net, near, FAR).largest(tenantMtu);
        List<Iperf3.Result> runs = new ArrayList<>();
        for (int r = 0; r < options.runs(); r++) {
            Iperf3.Result result = iperf.measure(far, near, FAR);
            System.err.printf("bench: %s, tenant MTU %d, run %d: %.0f Mbit/s, %d retransmits%n", path, tenantMtu,
                    r + 1, result.mbps(), result.retransmits());
            runs.add(result);
        }
        return new Row(path, tenantMtu, bridgeMtu, largest, runs);
    }

    private static void setMtu(TestNetwork net, List<String> tenants, int mtu) {
        tenants.forEach(t -> net.ip(t, "link", "set", "eth0", "mtu", Integer.toString(mtu)));
    }

    private static int mtuOf(TestNetwork net, String ns, String link) {
        Matcher m = MTU.matcher(net.ip(ns, "-o", "link", "show", "dev", link).stdout());
        if (!m.find()) {
            throw new IllegalStateException("no MTU in ip link show of " + link + " in " + ns);
        }
        return Integer.parseInt(m.group(1));
    }
}
