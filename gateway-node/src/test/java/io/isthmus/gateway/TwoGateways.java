package io.isthmus.gateway;

import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TransactionId;
import io.isthmus.gateway.domain.stitch.SegmentName;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.VlanId;
import io.isthmus.gateway.domain.stitch.Vni;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.infrastructure.command.CommandRunner;
import io.isthmus.gateway.infrastructure.command.ProcessCommandRunner;
import io.isthmus.gateway.infrastructure.fault.KillSwitch;
import io.isthmus.gateway.infrastructure.persistence.H2BookingRepository;
import io.isthmus.gateway.testsupport.GatewayHost;
import io.isthmus.gateway.testsupport.MutableClock;
import io.isthmus.gateway.testsupport.TestNetwork;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * Two emulated gateways in their own namespaces, joined by a veth underlay (198.51.100.1 and .2): the requester
 * gateway gw-req has a trunk {@code trunk0} (and an untagged port {@code lanport}) into a tenant LAN namespace; the
 * provider gateway gw-a has a veth {@code vmport} into a "VM stand-in" namespace (10.0.0.2/24).
 */
final class TwoGateways implements AutoCloseable {

    static final String REQ_ADDRESS = "198.51.100.1";
    static final String PROV_ADDRESS = "198.51.100.2";

    final TestNetwork net = new TestNetwork();
    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    String req;
    String prov;
    String lan;
    String vm;
    private final Path dataDir;
    private H2BookingRepository reqStore;
    private H2BookingRepository provStore;
    GatewayParts requester;
    GatewayParts provider;

    TwoGateways(Path dataDir) {
        this.dataDir = dataDir;
        try {
            req = net.namespace("gwr");
            prov = net.namespace("gwp");
            lan = net.namespace("lan");
            vm = net.namespace("vm");
            net.veth(req, "wan0", prov, "wan0");
            net.ip(req, "addr", "add", REQ_ADDRESS + "/24", "dev", "wan0");
            net.ip(prov, "addr", "add", PROV_ADDRESS + "/24", "dev", "wan0");
            net.veth(req, "trunk0", lan, "lan0");
            net.veth(req, "lanport", lan, "lan1");
            net.veth(prov, "vmport", vm, "eth0");
            net.ip(vm, "addr", "add", "10.0.0.2/24", "dev", "eth0");
            reqStore = H2BookingRepository.open(dataDir.resolve("gw-req"));
            provStore = H2BookingRepository.open(dataDir.resolve("gw-a"));
            requester = GatewayParts.assemble(requesterConfig(), reqStore, clock);
            provider = GatewayParts.assemble(GatewayHost.config("gw-a", prov, PROV_ADDRESS, false,
                    dataDir.resolve("gw-a")), provStore, clock);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Whether this kernel can make 802.1Q sub-interfaces (many minimal VM kernels cannot). */
    boolean kernelHas8021q() {
        return requester.dataPlane().trunkVlanProblem().isEmpty();
    }

    GatewayConfig requesterConfig() {
        return GatewayHost.config("gw-req", req, REQ_ADDRESS, true, dataDir.resolve("gw-req"));
    }

    /** The requester gateway again, as a restarted process would assemble it (same store, fresh probes). */
    GatewayParts restartRequester(CommandRunner runner) {
        return GatewayParts.assemble(requesterConfig(), reqStore, clock, runner);
    }

    /**
     * The requester gateway as one without a trunk whose tenant VLANs come by access ports
     * ({@code gateway.accessPorts=<value>}), assembled on the same store.
     */
    GatewayParts requesterWithAccessPorts(String value) {
        Properties p = GatewayHost.properties("gw-req", req, REQ_ADDRESS, false, dataDir.resolve("gw-req"));
        p.setProperty("gateway.accessPorts", value);
        return GatewayParts.assemble(GatewayConfig.fromProperties(p), reqStore, clock);
    }

    /** The requester gateway as a restarted process would assemble it, dying where {@code kills} says. */
    GatewayParts restartRequester(KillSwitch kills) {
        return GatewayParts.assemble(requesterConfig(), reqStore, clock, new ProcessCommandRunner(), kills);
    }

    GatewayParts restartRequester() {
        return restartRequester(new ProcessCommandRunner());
    }

    H2BookingRepository requesterStore() {
        return reqStore;
    }

    static ReservationId newReservation() {
        return new ReservationId(UUID.randomUUID().toString());
    }

    static TransactionId newTransaction() {
        return new TransactionId(UUID.randomUUID().toString());
    }

    static StitchSpec spec(int vni, TunnelKind kind, Integer vlan, String... peers) {
        return new StitchSpec(new SegmentName("lan"), new Vni(vni), kind, Optional.ofNullable(vlan).map(VlanId::new),
                List.of(peers).stream().map(Ipv4Address::new).toList());
    }

    Instant inAMinute() {
        return clock.instant().plusSeconds(60);
    }

    @Override
    public void close() {
        try {
            if (reqStore != null) {
                reqStore.close();
            }
            if (provStore != null) {
                provStore.close();
            }
        } finally {
            net.close();
        }
    }
}
