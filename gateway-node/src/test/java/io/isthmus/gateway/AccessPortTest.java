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
import io.isthmus.gateway.domain.isolation.IsolationStatus;
import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TransactionId;
import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.StitchState;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.testsupport.TestNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A requester gateway whose kernel cannot tag: tenant VLAN 100 comes in untagged by the operator's access port
 * {@code acc100} (a veth to the tenant LAN), which a stitch attaches to the segment bridge and unstitch detaches.
 */
class AccessPortTest {

    private TwoGateways fed;
    private GatewayParts requester;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        Assumptions.assumeTrue(TestNetwork.isRoot(), "network namespaces need root (CI runs as root)");
        fed = new TwoGateways(dir);
        fed.net.veth(fed.req, "acc100", fed.lan, "lan2");
        fed.net.veth(fed.req, "acc200", fed.lan, "lan3");
        fed.net.ip(fed.lan, "addr", "add", "10.0.0.1/24", "dev", "lan2");
        requester = fed.requesterWithAccessPorts("100:acc100,200:acc200");
    }

    @AfterEach
    void tearDown() {
        if (requester != null) {
            requester.isolation().remove();
        }
        if (fed != null) {
            fed.close();
        }
    }

    @Test
    void aTenantBehindTheAccessPortReachesTheProviderSideAndTheAccessPortOutlivesTheStitch() {
        ReservationId res = newReservation();
        TransactionId tx = newTransaction();
        StitchSpec spec = stitch(res, tx, 5007, 100);
        assertTrue(fed.net.pingsWithin(fed.lan, "10.0.0.2", 10),
                "VLAN 100's access port should reach the VM over vxlan");
        assertEquals(List.of("isbr5007", "isvx5007", "acc100"), requester.service().interfacesOf(spec).all().stream()
                .map(InterfaceName::value).toList(), "status lists the access port among the stitch's interfaces");
        assertTrue(link("acc100").contains("master isbr5007"), link("acc100"));

        requester.service().unstitch(res, tx);
        fed.provider.service().unstitch(res, tx);
        assertFalse(fed.net.pings(fed.lan, "10.0.0.2"), "unstitched: no path any more");
        assertTrue(fed.net.links(fed.req).contains("acc100"), "the access port is the operator's: it stays");
        assertFalse(link("acc100").contains(" master "), "but it is on no bridge any more: " + link("acc100"));
        assertEquals(Set.of(), fed.net.managedLinks(fed.req));
    }

    @Test
    void theIsolationRulesTreatTheAccessPortAsASegmentPort() {
        stitch(newReservation(), newTransaction(), 5008, 100);
        fed.net.ip(fed.lan, "route", "add", "198.51.100.0/24", "dev", "lan2");
        fed.net.ip(fed.req, "route", "add", "10.0.0.0/24", "dev", "isbr5008");
        assertTrue(fed.net.pingsWithin(fed.lan, REQ_ADDRESS, 10), "without the rules the tenant reaches the gateway");

        assertEquals(IsolationStatus.inForce(), requester.isolation().apply());
        assertFalse(fed.net.pings(fed.lan, REQ_ADDRESS), "tenant frames entering by acc100 must not reach the gateway");
        assertTrue(fed.net.pingsWithin(fed.lan, "10.0.0.2", 10), "the segment itself keeps working");
        requester.isolation().remove();
        assertTrue(fed.net.pingsWithin(fed.lan, REQ_ADDRESS, 10), "it was the rules that blocked the tenant");
    }

    /**
     * As a gateway starts: rules first, in a namespace where no bridge has ever existed, then the stitch (a
     * bridge-family forward chain made before the namespace's first bridge sees no frames on this kernel; the
     * gateway's prerouting/input/output chains must not depend on that).
     */
    @Test
    void rulesAppliedBeforeTheFirstBridgeStillKeepTheTenantOffTheGateway() {
        assertEquals("", fed.net.run(fed.req, "ip", "-o", "link", "show", "type", "bridge").stdout().strip(),
                "no bridge yet");
        assertEquals(IsolationStatus.inForce(), requester.isolation().apply());
        stitch(newReservation(), newTransaction(), 5010, 100);
        fed.net.ip(fed.lan, "route", "add", "198.51.100.0/24", "dev", "lan2");
        fed.net.ip(fed.req, "route", "add", "10.0.0.0/24", "dev", "isbr5010");
        assertTrue(fed.net.pingsWithin(fed.lan, "10.0.0.2", 10), "the segment works");

        assertFalse(fed.net.pings(fed.lan, REQ_ADDRESS), "tenant frames entering by acc100 must not reach the gateway");
        requester.isolation().remove();
        assertTrue(fed.net.pingsWithin(fed.lan, REQ_ADDRESS, 10), "it was the rules that blocked the tenant");
    }

    @Test
    void atStartAnAccessPortNoStitchClaimsIsDetachedAndTheClaimedOneStays() {
        stitch(newReservation(), newTransaction(), 5009, 100);
        fed.net.ip(fed.req, "link", "set", "acc200", "master", "isbr5009");

        GatewayParts restarted = fed.requesterWithAccessPorts("100:acc100,200:acc200");
        Set<InterfaceName> changed = new Reconciler(new GatewayId("gw-req"), fed.requesterStore(),
                restarted.dataPlane()).reconcile();

        assertEquals(Set.of(new InterfaceName("acc200")), changed);
        assertFalse(link("acc200").contains(" master "), link("acc200"));
        assertTrue(link("acc100").contains("master isbr5009"), link("acc100"));
        assertTrue(fed.net.pingsWithin(fed.lan, "10.0.0.2", 10));
    }

    @Test
    void aMissingAccessPortFailsTheStitchSayingWhichAndLeavesNothing() {
        GatewayParts misconfigured = fed.requesterWithAccessPorts("100:acc999");
        ReservationId res = newReservation();
        TransactionId tx = newTransaction();
        StitchService gateway = misconfigured.service();
        gateway.prepare(res, tx, TestWindows.LONG, fed.inAMinute(), List.of(spec(5010, TunnelKind.VXLAN, 100, PROV_ADDRESS)));
        gateway.commit(res, tx);
        UnavailableException e = assertThrows(UnavailableException.class, () -> gateway.stitch(res, tx));
        assertTrue(e.getMessage().contains("has no interface acc999"), e.getMessage());
        assertTrue(e.getMessage().contains("gateway.accessPorts"), e.getMessage());
        assertEquals(Set.of(), fed.net.managedLinks(fed.req), "bridge and tunnel of the failed stitch are gone");
        assertEquals(StitchState.COMMITTED, gateway.status(Optional.of(res)).bookings().get(0).state());
    }

    private StitchSpec stitch(ReservationId res, TransactionId tx, int vni, int vlan) {
        StitchSpec spec = spec(vni, TunnelKind.VXLAN, vlan, PROV_ADDRESS);
        requester.service().prepare(res, tx, TestWindows.LONG, fed.inAMinute(), List.of(spec));
        fed.provider.service().prepare(res, tx, TestWindows.LONG, fed.inAMinute(), List.of(spec(vni, TunnelKind.VXLAN, null, REQ_ADDRESS)));
        requester.service().commit(res, tx);
        fed.provider.service().commit(res, tx);
        requester.service().stitch(res, tx);
        fed.provider.service().stitch(res, tx);
        fed.net.ip(fed.prov, "link", "set", "vmport", "master", "isbr" + vni);
        return spec;
    }

    private String link(String name) {
        return fed.net.ip(fed.req, "-o", "link", "show", "dev", name).stdout();
    }
}
