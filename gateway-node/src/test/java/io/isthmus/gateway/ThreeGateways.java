package io.isthmus.gateway;

import io.isthmus.gateway.testsupport.TestWindows;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TransactionId;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.stitch.SegmentName;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.Vni;
import io.isthmus.gateway.domain.tunnel.OpenVpnOffer;
import io.isthmus.gateway.domain.tunnel.PeerEndpoint;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.infrastructure.command.CommandRunner;
import io.isthmus.gateway.infrastructure.command.ProcessCommandRunner;
import io.isthmus.gateway.infrastructure.persistence.H2BookingRepository;
import io.isthmus.gateway.testsupport.GatewayHost;
import io.isthmus.gateway.testsupport.MutableClock;
import io.isthmus.gateway.testsupport.TestNetwork;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Three emulated gateways g0, g1, g2 in their own namespaces on one underlay bridge (198.51.100.9, .10 and .20:
 * numerically .9 is the lowest, though it sorts last as text), each with a tenant namespace {@code t<i>} whose
 * {@code eth0} (MAC 02:00:00:00:00:0<i+1>, 10.0.0.<i+1>/24) has its peer {@code tport} in the gateway, ready to be
 * put on a segment bridge. The broker's part, relaying each gateway's openvpn offer to its peers, is
 * {@link #endpointsFor}.
 */
final class ThreeGateways implements AutoCloseable {

    static final List<String> ADDRESSES = List.of("198.51.100.9", "198.51.100.10", "198.51.100.20");

    final TestNetwork net = new TestNetwork("isthovpn");
    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    final List<String> gateways = new ArrayList<>();
    final List<String> tenants = new ArrayList<>();
    final List<GatewayParts> parts = new ArrayList<>();
    private final List<H2BookingRepository> stores = new ArrayList<>();
    private final Path dataDir;

    ThreeGateways(Path dataDir) {
        this.dataDir = dataDir;
        try {
            String underlay = net.namespace("ul");
            net.ip(underlay, "link", "add", "ul0", "type", "bridge");
            net.ip(underlay, "link", "set", "ul0", "up");
            for (int i = 0; i < 3; i++) {
                String gw = net.namespace("g" + i);
                gateways.add(gw);
                net.veth(gw, "wan0", underlay, "ulp" + i);
                net.ip(underlay, "link", "set", "ulp" + i, "master", "ul0");
                net.ip(gw, "addr", "add", ADDRESSES.get(i) + "/24", "dev", "wan0");
                String tenant = net.namespace("t" + i);
                tenants.add(tenant);
                net.veth(gw, "tport", tenant, "eth0");
                net.ip(tenant, "link", "set", "eth0", "address", mac(i));
                net.ip(tenant, "addr", "add", tenantAddress(i) + "/24", "dev", "eth0");
                stores.add(H2BookingRepository.open(dataDir(i)));
                parts.add(GatewayParts.assemble(config(i), stores.get(i), clock));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    static String mac(int i) {
        return "02:00:00:00:00:0" + (i + 1);
    }

    static String tenantAddress(int i) {
        return "10.0.0." + (i + 1);
    }

    Path dataDir(int i) {
        return dataDir.resolve("g" + i);
    }

    GatewayConfig config(int i) {
        return GatewayHost.config("gw-" + i, gateways.get(i), ADDRESSES.get(i), false, dataDir(i));
    }

    /** Gateway {@code i} again, as a restarted process would assemble it (same store, fresh probes). */
    GatewayParts restart(int i, CommandRunner runner) {
        GatewayParts restarted = GatewayParts.assemble(config(i), stores.get(i), clock, runner);
        parts.set(i, restarted);
        return restarted;
    }

    GatewayParts restart(int i) {
        return restart(i, new ProcessCommandRunner());
    }

    H2BookingRepository store(int i) {
        return stores.get(i);
    }

    /** The spec of one openvpn segment at gateway {@code i}: every other gateway is a peer. */
    static StitchSpec spec(int i, int vni) {
        List<Ipv4Address> peers = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            if (j != i) {
                peers.add(new Ipv4Address(ADDRESSES.get(j)));
            }
        }
        return new StitchSpec(new SegmentName("lan"), new Vni(vni), TunnelKind.OPENVPN, Optional.empty(), peers);
    }

    /** Prepares and commits the segment at all three gateways; returns their bookings (with their offers). */
    List<Booking> prepareAndCommit(ReservationId res, TransactionId tx, int vni) {
        List<Booking> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(parts.get(i).service().prepare(res, tx, TestWindows.LONG, clock.instant().plusSeconds(60), List.of(spec(i, vni))));
            parts.get(i).service().commit(res, tx);
        }
        return held;
    }

    /** What the broker relays to gateway {@code i}: every peer's fingerprint, and its port where it listens for i. */
    static List<PeerEndpoint> endpointsFor(int i, List<Booking> offers) {
        Ipv4Address me = new Ipv4Address(ADDRESSES.get(i));
        List<PeerEndpoint> endpoints = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            if (j != i) {
                OpenVpnOffer offer = offers.get(j).offers().get(0);
                endpoints.add(new PeerEndpoint(new SegmentName("lan"), new Ipv4Address(ADDRESSES.get(j)),
                        offer.fingerprint(), offer.portFor(me)));
            }
        }
        return endpoints;
    }

    /** Puts tenant {@code i}'s port on its gateway's bridge of {@code vni}. */
    void attachTenant(int i, int vni) {
        net.ip(gateways.get(i), "link", "set", "tport", "master", "isbr" + vni);
    }

    /** The command lines of the openvpn processes running in gateway {@code i}'s namespace. */
    List<String> openvpnProcesses(int i) {
        return net.pids(gateways.get(i)).stream().map(TestNetwork::commandLine)
                .filter(c -> c.startsWith("openvpn ")).toList();
    }

    /** The pids of the openvpn processes running in gateway {@code i}'s namespace. */
    List<Long> openvpnProcessIds(int i) {
        return net.pids(gateways.get(i)).stream().filter(pid -> TestNetwork.commandLine(pid).startsWith("openvpn "))
                .toList();
    }

    @Override
    public void close() {
        try {
            for (H2BookingRepository store : stores) {
                store.close();
            }
        } finally {
            net.close();
        }
    }
}
