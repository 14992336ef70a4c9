package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.testsupport.TestWindows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.application.stitch.GatewayProfile;
import io.isthmus.gateway.application.stitch.StitchService;
import io.isthmus.gateway.domain.isolation.IsolationPolicy;
import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TransactionId;
import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.stitch.SegmentName;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.StitchState;
import io.isthmus.gateway.domain.stitch.Vni;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.NetworkNamespace;
import io.isthmus.gateway.domain.tunnel.OpenVpnPeering;
import io.isthmus.gateway.domain.tunnel.StitchInterfaces;
import io.isthmus.gateway.domain.tunnel.TunnelDriver;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.domain.tunnel.TunnelKindSupport;
import io.isthmus.gateway.domain.tunnel.UdpPortRange;
import io.isthmus.gateway.infrastructure.fault.KillSwitch;
import io.isthmus.gateway.infrastructure.isolation.NftCommands;
import io.isthmus.gateway.infrastructure.isolation.NftSegmentIsolation;
import io.isthmus.gateway.infrastructure.persistence.H2BookingRepository;
import io.isthmus.gateway.testsupport.MutableClock;
import io.isthmus.gateway.testsupport.RecordingCommandRunner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins what an unstitch costs: the commands it runs (counted by a recording fake runner) and whether it makes the
 * openvpn driver look for processes, each of which is a full scan of /proc in the real driver. The kernel makes
 * every {@code ip link del} wait tens of milliseconds, so one more command (or scan) per interface shows at once in
 * the data-plane benchmark; here it fails.
 */
class UnstitchCommandsTest {

    private static final GatewayId GW = new GatewayId("gw-a");
    private static final Ipv4Address SELF = new Ipv4Address("198.51.100.1");
    private static final Ipv4Address PEER = new Ipv4Address("198.51.100.2");
    private static final NetworkNamespace NS = new NetworkNamespace("isgw-unit");

    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final RecordingOpenVpnDriver openvpn = new RecordingOpenVpnDriver();
    private final TransactionId transaction = new TransactionId(UUID.randomUUID().toString());
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private H2BookingRepository store;
    private LinuxBridgeDataPlane dataPlane;
    private StitchService service;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        IpLinks links = new IpLinks(GW, runner, new Iproute2Commands(Optional.of(NS)));
        dataPlane = new LinuxBridgeDataPlane(links, List.of(
                new VxlanTunnelDriver(links, SELF, new InterfaceName("wan0")), openvpn), Optional.empty());
        store = H2BookingRepository.open(dir);
        IsolationPolicy policy = new IsolationPolicy(GW, List.of(SELF), List.of(), List.of(8080),
                StitchInterfaces.segmentPortPrefixes());
        service = new StitchService(new GatewayProfile(GW, SELF, false, Set.of(), UdpPortRange.DEFAULT), store,
                dataPlane, new NftSegmentIsolation(policy, runner, new NftCommands(GW, Optional.of(NS))),
                new OpenSslCredentials(GW, runner, new OpenVpnFiles(dir.resolve("openvpn"))), clock,
                KillSwitch.disarmed());
    }

    @AfterEach
    void tearDown() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void unstitchingOneVxlanStitchDeletesItsTwoInterfacesAndNothingElse() {
        ReservationId res = stitched(5001);

        assertEquals(StitchState.COMMITTED, service.unstitch(res, tx()).orElseThrow().state());

        assertEquals(Set.of(delete("isvx5001"), delete("isbr5001")), Set.copyOf(runner.commands()),
                "an unstitch of one vxlan stitch deletes its vxlan port and its bridge");
        assertEquals(2, runner.commands().size(), "two commands, not one more per interface: " + runner.commands());
        assertEquals(List.of(), openvpn.asked, "a vxlan unstitch must not make the openvpn driver search /proc");
    }

    @Test
    void unstitchingAReservationOfThreeVxlanStitchesRunsTwoDeletesPerStitch() {
        ReservationId res = stitched(5001, 5002, 5003);

        service.unstitch(res, tx());

        Set<List<String>> expected = new HashSet<>();
        for (int vni = 5001; vni <= 5003; vni++) {
            expected.add(delete("isvx" + vni));
            expected.add(delete("isbr" + vni));
        }
        assertEquals(expected, Set.copyOf(runner.commands()));
        assertEquals(6, runner.commands().size(), runner.commands().toString());
        assertEquals(List.of(), openvpn.asked);
    }

    @Test
    void removingAnOpenVpnStitchStillStopsTheProcessOfEachTapBeforeDeletingIt() {
        StitchSpec spec = new StitchSpec(new SegmentName("s7001"), new Vni(7001), TunnelKind.OPENVPN,
                Optional.empty(), List.of(PEER, new Ipv4Address("198.51.100.3")));
        runner.forget();

        dataPlane.remove(spec);

        assertEquals(List.of("stop isov7001p0", "stop isov7001p1"), openvpn.asked,
                "the openvpn driver stops the process serving each TAP, once, and is asked about nothing else");
        assertEquals(Set.of(delete("isov7001p0"), delete("isov7001p1"), delete("isbr7001")),
                Set.copyOf(runner.commands()));
        assertEquals(3, runner.commands().size(), runner.commands().toString());
    }

    @Test
    void oneDeletionThatFailsKeepsTheStitchButTheOtherInterfacesAreStillDeleted() {
        ReservationId res = stitched(5001, 5002);
        runner.failing(delete("isbr5001")::equals, "RTNETLINK answers: Device or resource busy");

        UnavailableException e = assertThrows(UnavailableException.class, () -> service.unstitch(res, tx()));

        assertTrue(e.getMessage().startsWith("gateway gw-a cannot delete interface isbr5001 in network namespace "
                + "isgw-unit: RTNETLINK answers: Device or resource busy"), e.getMessage());
        assertEquals(Set.of(delete("isvx5001"), delete("isbr5001"), delete("isvx5002"), delete("isbr5002")),
                Set.copyOf(runner.commands()), "every interface of the reservation is tried");
        assertEquals(StitchState.STITCHED, store.find(res).orElseThrow().state(),
                "a failed unstitch stays stitched, so it can be repeated");
    }

    /** A reservation of vxlan stitches towards {@link #PEER}, prepared, committed and stitched; commands forgotten. */
    private ReservationId stitched(int... vnis) {
        ReservationId res = new ReservationId(UUID.randomUUID().toString());
        TransactionId tx = tx();
        List<StitchSpec> specs = IntStream.of(vnis).mapToObj(vni -> new StitchSpec(new SegmentName("s" + vni),
                new Vni(vni), TunnelKind.VXLAN, Optional.empty(), List.of(PEER))).toList();
        service.prepare(res, tx, TestWindows.LONG, clock.instant().plusSeconds(60), specs);
        service.commit(res, tx);
        assertEquals(StitchState.STITCHED, service.stitch(res, tx).state());
        runner.forget();
        openvpn.asked.clear();
        return res;
    }

    /** The broker's transaction: every call on a reservation carries the one that prepared it. */
    private TransactionId tx() {
        return transaction;
    }

    private static List<String> delete(String name) {
        return List.of("ip", "-n", NS.value(), "link", "del", "dev", name);
    }

    /**
     * A recording fake of the openvpn driver: records every question that makes the real driver scan /proc for
     * openvpn processes ({@code stop} of a port, {@code servedPorts}); serves nothing.
     */
    private static final class RecordingOpenVpnDriver implements TunnelDriver {

        final List<String> asked = new ArrayList<>();

        @Override
        public TunnelKind kind() {
            return TunnelKind.OPENVPN;
        }

        @Override
        public TunnelKindSupport probe() {
            return TunnelKindSupport.available(TunnelKind.OPENVPN);
        }

        @Override
        public void create(InterfaceName name, StitchSpec spec) {
            asked.add("create " + name);
        }

        @Override
        public void start(StitchSpec spec, Optional<OpenVpnPeering> peering) {
            asked.add("start " + spec.vni());
        }

        @Override
        public synchronized void stop(InterfaceName port) {
            asked.add("stop " + port);
        }

        @Override
        public Set<InterfaceName> servedPorts() {
            asked.add("servedPorts");
            return Set.of();
        }
    }
}
