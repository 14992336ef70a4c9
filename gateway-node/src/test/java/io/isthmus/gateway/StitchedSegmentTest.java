package io.isthmus.gateway;

import io.isthmus.gateway.testsupport.TestWindows;
import static io.isthmus.gateway.TwoGateways.PROV_ADDRESS;
import static io.isthmus.gateway.TwoGateways.REQ_ADDRESS;
import static io.isthmus.gateway.TwoGateways.newReservation;
import static io.isthmus.gateway.TwoGateways.newTransaction;
import static io.isthmus.gateway.TwoGateways.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.application.stitch.Reconciler;
import io.isthmus.gateway.application.stitch.StitchService;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TransactionId;
import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.stitch.StitchState;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.domain.tunnel.TunnelKindSupport;
import io.isthmus.gateway.infrastructure.command.ProcessCommandRunner;
import io.isthmus.gateway.testsupport.TestNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real packets through real stitches: two gateways in network namespaces, a tenant LAN and a VM stand-in. */
class StitchedSegmentTest {

    private TwoGateways fed;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        Assumptions.assumeTrue(TestNetwork.isRoot(), "network namespaces need root (CI runs as root)");
        fed = new TwoGateways(dir);
    }

    @AfterEach
    void tearDown() {
        if (fed != null) {
            fed.close();
        }
    }

    @Test
    void tenantLanReachesTheVmBehindTheOtherGatewayOnlyWhileStitched() {
        fed.net.ip(fed.lan, "addr", "add", "10.0.0.1/24", "dev", "lan1");
        ReservationId res = newReservation();
        StitchService req = fed.requester.service();
        StitchService prov = fed.provider.service();
        TransactionId tx = newTransaction();
        req.prepare(res, tx, TestWindows.LONG, fed.inAMinute(), List.of(spec(5001, TunnelKind.VXLAN, null, PROV_ADDRESS)));
        prov.prepare(res, tx, TestWindows.LONG, fed.inAMinute(), List.of(spec(5001, TunnelKind.VXLAN, null, REQ_ADDRESS)));
        req.commit(res, tx);
        prov.commit(res, tx);
        assertFalse(fed.net.pings(fed.lan, "10.0.0.2"), "nothing is stitched yet");

        req.stitch(res, tx);
        prov.stitch(res, tx);
        fed.net.ip(fed.req, "link", "set", "lanport", "master", "isbr5001");
        fed.net.ip(fed.prov, "link", "set", "vmport", "master", "isbr5001");
        assertTrue(fed.net.pingsWithin(fed.lan, "10.0.0.2", 10),
                "the tenant LAN should reach the VM across the tunnel");
        assertEquals(Set.of("isbr5001", "isvx5001"), fed.net.managedLinks(fed.req));
        assertEquals(Set.of("isbr5001", "isvx5001"), fed.net.managedLinks(fed.prov));

        assertEquals(StitchState.STITCHED, req.stitch(res, tx).state(), "stitching twice is one stitch");
        assertEquals(Set.of("isbr5001", "isvx5001"), fed.net.managedLinks(fed.req));

        req.unstitch(res, tx);
        prov.unstitch(res, tx);
        assertFalse(fed.net.pings(fed.lan, "10.0.0.2"), "unstitched gateways must not forward");
        assertEquals(Set.of(), fed.net.managedLinks(fed.req));
        assertEquals(Set.of(), fed.net.managedLinks(fed.prov));
        assertEquals(StitchState.COMMITTED, req.status(Optional.of(res)).bookings().get(0).state(),
                "unstitch keeps the booking");
    }

    /**
     * Where the kernel has 802.1Q, VLAN 100 on the tenant's trunk reaches the VM; where it has none (as on minimal
     * VM kernels), a stitch asking for a VLAN is refused at prepare with UNAVAILABLE saying why.
     */
    @Test
    void tenantVlanIsBridgedIntoTheTunnelOrRefusedWithTheKernelsReason() {
        ReservationId res = newReservation();
        TransactionId tx = newTransaction();
        StitchService req = fed.requester.service();
        StitchService prov = fed.provider.service();
        if (!fed.kernelHas8021q()) {
            UnavailableException e = assertThrows(UnavailableException.class, () -> req.prepare(res, tx, TestWindows.LONG,
                    fed.inAMinute(), List.of(spec(5006, TunnelKind.VXLAN, 100, PROV_ADDRESS))));
            assertTrue(e.getMessage().startsWith("gateway gw-req cannot bridge VLAN 100 of segment lan from its trunk"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("no 802.1Q VLAN support"), e.getMessage());
            assertTrue(req.status(Optional.empty()).bookings().isEmpty(), "nothing may be held");
            return;
        }
        fed.net.ip(fed.lan, "link", "add", "link", "lan0", "name", "lan0.100", "type", "vlan", "id", "100");
        fed.net.ip(fed.lan, "addr", "add", "10.0.0.1/24", "dev", "lan0.100");
        fed.net.ip(fed.lan, "link", "set", "lan0.100", "up");
        req.prepare(res, tx, TestWindows.LONG, fed.inAMinute(), List.of(spec(5006, TunnelKind.VXLAN, 100, PROV_ADDRESS)));
        prov.prepare(res, tx, TestWindows.LONG, fed.inAMinute(), List.of(spec(5006, TunnelKind.VXLAN, null, REQ_ADDRESS)));
        req.commit(res, tx);
        prov.commit(res, tx);
        req.stitch(res, tx);
        prov.stitch(res, tx);
        fed.net.ip(fed.prov, "link", "set", "vmport", "master", "isbr5006");
        assertTrue(fed.net.pingsWithin(fed.lan, "10.0.0.2", 10),
                "tenant VLAN 100 should reach the VM across the tunnel");
        assertEquals(Set.of("isbr5006", "isvx5006", "isvl5006"), fed.net.managedLinks(fed.req));
        req.unstitch(res, tx);
        prov.unstitch(res, tx);
        assertFalse(fed.net.pings(fed.lan, "10.0.0.2"), "unstitched gateways must not forward");
        assertEquals(Set.of(), fed.net.managedLinks(fed.req));
    }

    @Test
    void probesReportVxlanAndOpenvpnAvailableAndGretapWithItsReason() {
        List<TunnelKindSupport> kinds = fed.requester.dataPlane().supportedKinds();
        assertTrue(support(kinds, TunnelKind.VXLAN).available());
        TunnelKindSupport openvpn = support(kinds, TunnelKind.OPENVPN);
        assertTrue(openvpn.available(), "openvpn, openssl and TAP support are installed here (CI installs them): "
                + openvpn.reason());
        TunnelKindSupport gretap = support(kinds, TunnelKind.GRETAP);
        if (!gretap.available()) {
            assertTrue(gretap.reason().orElseThrow().contains("no gretap support"), gretap.reason().orElseThrow());
        }
    }

    /** The real gretap path, wherever the kernel has it (this project's CI kernel does not: see the test below). */
    @Test
    void gretapCarriesTheTenantLanWhereTheKernelHasIt() {
        TunnelKindSupport gretap = support(fed.requester.dataPlane().supportedKinds(), TunnelKind.GRETAP);
        Assumptions.assumeTrue(gretap.available(), "this kernel has no gretap: " + gretap.reason().orElse(""));
        fed.net.ip(fed.lan, "addr", "add", "10.0.0.1/24", "dev", "lan1");
        ReservationId res = newReservation();
        TransactionId tx = newTransaction();
        StitchService req = fed.requester.service();
        StitchService prov = fed.provider.service();
        req.prepare(res, tx, TestWindows.LONG, fed.inAMinute(), List.of(spec(5007, TunnelKind.GRETAP, null, PROV_ADDRESS)));
        prov.prepare(res, tx, TestWindows.LONG, fed.inAMinute(), List.of(spec(5007, TunnelKind.GRETAP, null, REQ_ADDRESS)));
        req.commit(res, tx);
        prov.commit(res, tx);
        req.stitch(res, tx);
        prov.stitch(res, tx);
        fed.net.ip(fed.req, "link", "set", "lanport", "master", "isbr5007");
        fed.net.ip(fed.prov, "link", "set", "vmport", "master", "isbr5007");

        assertTrue(fed.net.pingsWithin(fed.lan, "10.0.0.2", 10),
                "the tenant LAN should reach the VM across the gretap tunnel");
        assertEquals(Set.of("isbr5007", "isgt5007"), fed.net.managedLinks(fed.req));

        req.unstitch(res, tx);
        prov.unstitch(res, tx);
        assertFalse(fed.net.pings(fed.lan, "10.0.0.2"), "unstitched gateways must not forward");
        assertEquals(Set.of(), fed.net.managedLinks(fed.req));
    }

    @Test
    void gretapIsRefusedAsUnavailableWhenTheKernelLacksIt() {
        TunnelKindSupport gretap = support(fed.requester.dataPlane().supportedKinds(), TunnelKind.GRETAP);
        Assumptions.assumeFalse(gretap.available(), "this kernel has gretap; the refusal cannot be shown here");
        UnavailableException e = assertThrows(UnavailableException.class, () -> fed.requester.service().prepare(
                newReservation(), newTransaction(), TestWindows.LONG, fed.inAMinute(),
                List.of(spec(5002, TunnelKind.GRETAP, null, PROV_ADDRESS))));
        assertTrue(e.getMessage().startsWith("tunnel kind gretap is not available at gateway gw-req: "), e.getMessage());
        assertTrue(e.getMessage().contains("no gretap support"), e.getMessage());
        assertTrue(fed.requester.service().status(Optional.empty()).bookings().isEmpty(), "nothing may be held");
    }

    @Test
    void withoutCapNetAdminStitchFailsSayingSoAndLeavesNothingBehind() {
        ReservationId res = newReservation();
        TransactionId tx = newTransaction();
        StitchService req = fed.requester.service();
        req.prepare(res, tx, TestWindows.LONG, fed.inAMinute(), List.of(spec(5003, TunnelKind.VXLAN, null, PROV_ADDRESS)));
        req.commit(res, tx);
        ProcessCommandRunner real = new ProcessCommandRunner();
        StitchService unprivileged = fed.restartRequester((argv, input) -> {
            List<String> dropped = new ArrayList<>(List.of("setpriv", "--inh-caps=-net_admin",
                    "--bounding-set=-net_admin"));
            dropped.addAll(argv);
            return real.run(dropped, input);
        }).service();
        UnavailableException e = assertThrows(UnavailableException.class, () -> unprivileged.stitch(res, tx));
        assertTrue(e.getMessage().startsWith("gateway gw-req cannot create bridge isbr5003"), e.getMessage());
        assertTrue(e.getMessage().endsWith(
                "Operation not permitted — the gateway needs CAP_NET_ADMIN (run as root)"), e.getMessage());
        assertEquals(Set.of(), fed.net.managedLinks(fed.req));
        assertEquals(StitchState.COMMITTED, req.status(Optional.of(res)).bookings().get(0).state());
    }

    @Test
    void aStitchThatFailsHalfWayRemovesWhatItCreated() {
        ReservationId res = newReservation();
        TransactionId tx = newTransaction();
        StitchService req = fed.requester.service();
        req.prepare(res, tx, TestWindows.LONG, fed.inAMinute(), List.of(spec(5004, TunnelKind.VXLAN, null, PROV_ADDRESS)));
        req.commit(res, tx);
        fed.net.ip(fed.req, "link", "del", "wan0");
        UnavailableException e = assertThrows(UnavailableException.class, () -> req.stitch(res, tx));
        assertTrue(e.getMessage().contains("cannot create vxlan interface isvx5004"), e.getMessage());
        assertTrue(e.getMessage().contains("gateway.underlayDevice"), e.getMessage());
        assertEquals(Set.of(), fed.net.managedLinks(fed.req), "bridge and vxlan of the failed stitch must be gone");
    }

    @Test
    void restartRecreatesMissingInterfacesAndRemovesStrayOnes() {
        ReservationId res = newReservation();
        TransactionId tx = newTransaction();
        StitchService req = fed.requester.service();
        req.prepare(res, tx, TestWindows.LONG, fed.inAMinute(), List.of(spec(5005, TunnelKind.VXLAN, null, PROV_ADDRESS)));
        req.commit(res, tx);
        req.stitch(res, tx);
        fed.net.ip(fed.req, "link", "del", "isvx5005");
        fed.net.ip(fed.req, "link", "add", "isbr9999", "type", "bridge");

        GatewayParts restarted = fed.restartRequester();
        Set<InterfaceName> removed = new Reconciler(restarted.service().status(Optional.empty()).gateway(),
                fed.requesterStore(), restarted.dataPlane()).reconcile();

        assertEquals(Set.of(new InterfaceName("isbr9999")), removed);
        assertEquals(Set.of("isbr5005", "isvx5005"), fed.net.managedLinks(fed.req));
        assertTrue(fed.net.ip(fed.req, "-o", "link", "show", "dev", "isvx5005").stdout().contains("master isbr5005"),
                "the recreated tunnel is a port of the bridge again");
    }

    private static TunnelKindSupport support(List<TunnelKindSupport> kinds, TunnelKind kind) {
        return kinds.stream().filter(k -> k.kind() == kind).findFirst().orElseThrow();
    }
}
