package io.isthmus.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.testsupport.GatewayHost;
import io.isthmus.gateway.testsupport.TestNetwork;
import io.isthmus.schema.gateway.v1.GatewayResult;
import io.isthmus.schema.gateway.v1.OpenVpnOffer;
import io.isthmus.schema.gateway.v1.PeerEndpoint;
import io.isthmus.schema.gateway.v1.Prepare;
import io.isthmus.schema.gateway.v1.Status;
import io.isthmus.schema.gateway.v1.StatusResponse;
import io.isthmus.schema.gateway.v1.StitchState;
import io.isthmus.schema.gateway.v1.TunnelKindSupport;
import io.isthmus.schema.v1.FaultCode;
import io.isthmus.schema.v1.IsthmusHeader;
import io.isthmus.schema.v1.ReservationTx;
import io.isthmus.schema.v1.TunnelKind;
import io.isthmus.wsdl.gateway.GatewayServicePort;
import io.isthmus.wsdl.gateway.ServiceFault;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The published GatewayService, called with the generated client the broker uses. */
class GatewaySoapTest {

    /** The reservations' window: a repeated prepare carries the same one. */
    private static final java.time.ZonedDateTime WINDOW_START = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC);

    private final TestNetwork net = new TestNetwork();
    private GatewayServer server;
    private GatewayServicePort port;
    private String ns;
    private Path dataDir;

    @BeforeEach
    void start(@TempDir Path dir) {
        dataDir = dir;
        Assumptions.assumeTrue(TestNetwork.isRoot(), "network namespaces need root (CI runs as root)");
        ns = net.namespace("gw");
        String peer = net.namespace("peer");
        net.veth(ns, "wan0", peer, "wan0");
        net.ip(ns, "addr", "add", "198.51.100.1/24", "dev", "wan0");
        net.veth(ns, "trunk0", peer, "lan0");
        server = GatewayServer.start(GatewayHost.config("gw-req", ns, "198.51.100.1", true, dir));
        port = GatewayMessages.client(server);
    }

    @AfterEach
    void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            net.close();
        }
    }

    @Test
    void wsdlIsPublishedAtTheEndpoint() throws Exception {
        HttpURLConnection c = (HttpURLConnection) new java.net.URL(server.endpoint() + "?wsdl").openConnection();
        assertEquals(200, c.getResponseCode());
        String wsdl = new String(c.getInputStream().readAllBytes());
        assertTrue(wsdl.contains("GatewayServicePort"), wsdl);
        assertTrue(wsdl.contains(server.endpoint().toString()), "the WSDL names the real address");
    }

    @Test
    void prepareCommitStitchStatusUnstitchAbortRoundTrip() throws Exception {
        String res = uuid();
        String tx = uuid();
        GatewayResult held = port.prepare(prepare(res, tx, 7001, null), header());
        assertEquals(StitchState.HELD, held.getStitch().get(0).getState());
        assertEquals(held.getStitch().size(), port.prepare(prepare(res, tx, 7001, null), header()).getStitch().size());

        assertEquals(StitchState.COMMITTED, port.commit(reservationTx(res, tx), header()).getStitch().get(0).getState());
        assertEquals(StitchState.COMMITTED, port.commit(reservationTx(res, tx), header()).getStitch().get(0).getState());

        GatewayResult stitched = port.stitch(stitchTx(res, tx), header());
        assertEquals(List.of("isbr7001", "isvx7001"), stitched.getStitch().get(0).getInterface());
        port.stitch(stitchTx(res, tx), header());
        assertEquals(Set.of("isbr7001", "isvx7001"), net.managedLinks(ns));

        StatusResponse status = port.status(statusOf(res), header());
        assertEquals("gw-req", status.getGateway());
        assertEquals("198.51.100.1", status.getTunnelAddress());
        assertTrue(kind(status, TunnelKind.VXLAN).isAvailable());
        assertTrue(kind(status, TunnelKind.OPENVPN).isAvailable(), kind(status, TunnelKind.OPENVPN).getReason());
        assertEquals(StitchState.STITCHED, status.getStitch().get(0).getState());
        assertEquals(7001, status.getStitch().get(0).getSpec().getVni());

        assertEquals(StitchState.COMMITTED, port.unstitch(reservationTx(res, tx), header()).getStitch().get(0).getState());
        port.unstitch(reservationTx(res, tx), header());
        assertEquals(Set.of(), net.managedLinks(ns));

        port.abort(reservationTx(res, tx), header());
        port.abort(reservationTx(res, tx), header());
        port.abort(reservationTx(uuid(), uuid()), header());
        assertTrue(port.status(new Status(), header()).getStitch().isEmpty());
    }

    @Test
    void anOpenvpnStitchIsOfferedAtPrepareAndNeedsThePeersEndpointsAtStitch() throws Exception {
        String res = uuid();
        String tx = uuid();
        Prepare prepare = prepare(res, tx, 7010, null);
        prepare.getStitch().get(0).setKind(TunnelKind.OPENVPN);
        OpenVpnOffer offer = port.prepare(prepare, header()).getStitch().get(0).getOpenvpn();
        assertTrue(offer.getFingerprint().matches("[0-9A-F]{2}(:[0-9A-F]{2}){31}"), offer.getFingerprint());
        assertEquals(1, offer.getListen().size(), "198.51.100.1 is the lower address: it listens for .2");
        assertEquals("198.51.100.2", offer.getListen().get(0).getPeer());
        assertEquals(11940, offer.getListen().get(0).getPort());
        assertEquals(offer.getFingerprint(), port.prepare(prepare, header()).getStitch().get(0).getOpenvpn()
                .getFingerprint(), "a repeated prepare returns the same offer, no new key");
        port.commit(reservationTx(res, tx), header());

        ServiceFault missing = assertThrows(ServiceFault.class, () -> port.stitch(stitchTx(res, tx), header()));
        assertEquals(FaultCode.VALIDATION, missing.getFaultInfo().getCode());
        assertTrue(missing.getFaultInfo().getMessage().contains("needs a peer endpoint for peer 198.51.100.2"),
                missing.getFaultInfo().getMessage());
        assertEquals(Set.of(), net.managedLinks(ns), "a refused stitch creates nothing");

        io.isthmus.schema.gateway.v1.Stitch stitch = stitchTx(res, tx);
        PeerEndpoint peer = new PeerEndpoint();
        peer.setSegment("lan");
        peer.setPeer("198.51.100.2");
        peer.setFingerprint("AB:" + "00:".repeat(30) + "FF");
        stitch.getPeerEndpoint().add(peer);
        assertEquals(List.of("isbr7010", "isov7010p0"), port.stitch(stitch, header()).getStitch().get(0).getInterface());
        assertEquals(offer.getFingerprint(), port.status(statusOf(res), header()).getStitch().get(0).getOpenvpn()
                .getFingerprint(), "status reports the offer");
        assertEquals(1, openvpnProcesses(), "one openvpn serves the one peer");

        port.abort(reservationTx(res, tx), header());
        assertEquals(Set.of(), net.managedLinks(ns));
        assertEquals(0, openvpnProcesses());
        assertFalse(Files.exists(dataDir.resolve("openvpn").resolve(res)), "abort deletes the key");
    }

    @Test
    void aVniOrVlanHeldByAnotherReservationIsAConflictFault() throws Exception {
        String first = uuid();
        port.prepare(prepare(first, uuid(), 7002, null), header());
        ServiceFault vni = assertThrows(ServiceFault.class,
                () -> port.prepare(prepare(uuid(), uuid(), 7002, null), header()));
        assertEquals(FaultCode.CONFLICT, vni.getFaultInfo().getCode());
        assertTrue(vni.getFaultInfo().getMessage().contains(first), vni.getFaultInfo().getMessage());

        String vlanHolder = uuid();
        boolean kernelHasVlans;
        try {
            port.prepare(prepare(vlanHolder, uuid(), 7003, 100), header());
            kernelHasVlans = true;
        } catch (ServiceFault noVlans) {
            assertEquals(FaultCode.UNAVAILABLE, noVlans.getFaultInfo().getCode());
            assertTrue(noVlans.getFaultInfo().getMessage().contains("no 802.1Q VLAN support"),
                    noVlans.getFaultInfo().getMessage());
            kernelHasVlans = false;
        }
        if (kernelHasVlans) {
            ServiceFault vlan = assertThrows(ServiceFault.class,
                    () -> port.prepare(prepare(uuid(), uuid(), 7005, 100), header()));
            assertEquals(FaultCode.CONFLICT, vlan.getFaultInfo().getCode());
            assertTrue(vlan.getFaultInfo().getMessage().contains("VLAN 100"), vlan.getFaultInfo().getMessage());
            assertTrue(vlan.getFaultInfo().getMessage().contains(vlanHolder), vlan.getFaultInfo().getMessage());
        }
    }

    @Test
    void everyCallUnderAnotherTransactionIdIsAConflictNamingBothIdsAndChangesNothing() throws Exception {
        String res = uuid();
        String tx = uuid();
        String other = uuid();
        port.prepare(prepare(res, tx, 7020, null), header());

        assertForeignTransaction(() -> port.prepare(prepare(res, other, 7020, null), header()), tx, other);
        assertForeignTransaction(() -> port.commit(reservationTx(res, other), header()), tx, other);
        assertEquals(StitchState.HELD, port.status(statusOf(res), header()).getStitch().get(0).getState());
        port.commit(reservationTx(res, tx), header());

        assertForeignTransaction(() -> port.stitch(stitchTx(res, other), header()), tx, other);
        assertEquals(Set.of(), net.managedLinks(ns), "a refused stitch creates nothing");
        port.stitch(stitchTx(res, tx), header());

        assertForeignTransaction(() -> port.unstitch(reservationTx(res, other), header()), tx, other);
        assertForeignTransaction(() -> port.abort(reservationTx(res, other), header()), tx, other);
        assertEquals(Set.of("isbr7020", "isvx7020"), net.managedLinks(ns), "refused calls leave the stitch up");
        assertEquals(StitchState.STITCHED, port.status(statusOf(res), header()).getStitch().get(0).getState());

        port.abort(reservationTx(uuid(), other), header());
        port.unstitch(reservationTx(uuid(), other), header());
        port.abort(reservationTx(res, tx), header());
        assertEquals(Set.of(), net.managedLinks(ns));
        assertTrue(port.status(new Status(), header()).getStitch().isEmpty());
    }

    private static void assertForeignTransaction(org.junit.jupiter.api.function.Executable call, String booked,
                                                 String sent) {
        ServiceFault e = assertThrows(ServiceFault.class, call);
        assertEquals(FaultCode.CONFLICT, e.getFaultInfo().getCode(), e.getFaultInfo().getMessage());
        assertTrue(e.getFaultInfo().getMessage().contains(booked) && e.getFaultInfo().getMessage().contains(sent),
                e.getFaultInfo().getMessage());
    }

    @Test
    void gretapAndUnknownReservationsGiveTypedFaults() {
        Prepare gretap = prepare(uuid(), uuid(), 7004, null);
        gretap.getStitch().get(0).setKind(TunnelKind.GRETAP);
        boolean gretapHere = server.supportedKinds().stream()
                .anyMatch(k -> k.kind() == io.isthmus.gateway.domain.tunnel.TunnelKind.GRETAP && k.available());
        if (!gretapHere) {
            ServiceFault e = assertThrows(ServiceFault.class, () -> port.prepare(gretap, header()));
            assertEquals(FaultCode.UNAVAILABLE, e.getFaultInfo().getCode());
            assertTrue(e.getFaultInfo().getMessage().contains("tunnel kind gretap is not available"),
                    e.getFaultInfo().getMessage());
        }
        ServiceFault unknown = assertThrows(ServiceFault.class,
                () -> port.commit(reservationTx(uuid(), uuid()), header()));
        assertEquals(FaultCode.NOT_FOUND, unknown.getFaultInfo().getCode());
    }

    @Test
    void aSchemaInvalidRequestIsATypedValidationFaultThatHoldsNothing() throws ServiceFault {
        Prepare invalid = prepare("not-a-uuid", uuid(), 0, 5000);
        ServiceFault e = assertThrows(ServiceFault.class, () -> port.prepare(invalid, header()));
        assertEquals(FaultCode.VALIDATION, e.getFaultInfo().getCode());
        String message = e.getFaultInfo().getMessage();
        assertTrue(message.contains("not-a-uuid") && message.contains("'0'") && message.contains("5000"), message);
        assertTrue(port.status(new Status(), header()).getStitch().isEmpty(), "a refused request holds nothing");
    }

    private long openvpnProcesses() {
        return net.pids(ns).stream().filter(pid -> TestNetwork.commandLine(pid).startsWith("openvpn ")).count();
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }

    private static IsthmusHeader header() {
        IsthmusHeader h = new IsthmusHeader();
        h.setCorrelationId(uuid());
        h.setRequesterId("broker-test");
        return h;
    }

    private static ReservationTx reservationTx(String res, String tx) {
        ReservationTx t = new ReservationTx();
        t.setReservationId(res);
        t.setTransactionId(tx);
        return t;
    }

    private static io.isthmus.schema.gateway.v1.Stitch stitchTx(String res, String tx) {
        io.isthmus.schema.gateway.v1.Stitch t = new io.isthmus.schema.gateway.v1.Stitch();
        t.setReservationId(res);
        t.setTransactionId(tx);
        return t;
    }

    private static Status statusOf(String res) {
        Status s = new Status();
        s.setReservationId(res);
        return s;
    }

    private static Prepare prepare(String res, String tx, int vni, Integer vlan) {
        Instant start = WINDOW_START.toInstant();
        return GatewayMessages.prepare(res, tx, vni, vlan, start, start.plus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofMinutes(2)));
    }

    private static TunnelKindSupport kind(StatusResponse status, TunnelKind kind) {
        return status.getSupportedKind().stream().filter(k -> k.getKind() == kind).findFirst().orElseThrow();
    }
}
