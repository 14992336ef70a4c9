package io.isthmus.gateway;

import static io.isthmus.gateway.TwoGateways.PROV_ADDRESS;
import static io.isthmus.gateway.TwoGateways.newReservation;
import static io.isthmus.gateway.TwoGateways.newTransaction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.application.stitch.Reconciler;
import io.isthmus.gateway.application.stitch.StitchService;
import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TransactionId;
import io.isthmus.gateway.domain.stitch.SegmentName;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.StitchState;
import io.isthmus.gateway.domain.stitch.Vni;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.infrastructure.fault.KillSwitch;
import io.isthmus.gateway.testsupport.TestNetwork;
import io.isthmus.gateway.testsupport.TestWindows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway that dies at a kill point and is started again converges when the broker repeats the call: real
 * interfaces in network namespaces, the real store; the death is simulated by an {@link Error} thrown at the point
 * (nothing after it runs, no rollback catches it), since a SIGKILL would take the test JVM with it (the real
 * SIGKILL is proven in {@code KillSwitchTest}).
 */
class GatewayKillPointsTest {

    private static final GatewayId GW_REQ = new GatewayId("gw-req");
    private static final StitchSpec LAN = spec("lan", 5101);
    private static final StitchSpec BACKUP = spec("backup", 5102);

    private TwoGateways fed;
    private Path killFile;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        Assumptions.assumeTrue(TestNetwork.isRoot(), "network namespaces need root (CI runs as root)");
        fed = new TwoGateways(dir.resolve("data"));
        killFile = dir.resolve("kill-gw-req");
    }

    @AfterEach
    void tearDown() {
        if (fed != null) {
            fed.close();
        }
    }

    @Test
    void killedAfterTheFirstSegmentOfAStitchTheRestartedGatewayStitchesEachSegmentOnce() throws IOException {
        StitchService dying = armedAt("stitch.realised:lan");
        ReservationId res = newReservation();
        TransactionId tx = newTransaction();
        dying.prepare(res, tx, TestWindows.LONG, fed.inAMinute(), List.of(LAN, BACKUP));
        dying.commit(res, tx);

        assertThrows(Died.class, () -> dying.stitch(res, tx));
        assertEquals(Set.of("isbr5101", "isvx5101"), fed.net.managedLinks(fed.req), "died after segment lan only");
        assertFalse(Files.exists(killFile), "the kill file is used up");

        StitchService restarted = restartAndReconcile(Set.of("isbr5101", "isvx5101"));
        assertEquals(StitchState.STITCHED, restarted.stitch(res, tx).state(), "the broker's repeated stitch");

        assertEquals(Set.of("isbr5101", "isvx5101", "isbr5102", "isvx5102"), fed.net.managedLinks(fed.req));
        assertEquals(List.of("isvx5101"), portsOf("isbr5101"));
        assertEquals(List.of("isvx5102"), portsOf("isbr5102"));
        assertEquals(StitchState.STITCHED, restarted.status(Optional.of(res)).bookings().get(0).state());
    }

    @Test
    void killedAfterAnAbortRemovedTheInterfacesTheRepeatedAbortLeavesNothing() throws IOException {
        StitchService dying = armedAt("abort.removed");
        ReservationId res = newReservation();
        TransactionId tx = newTransaction();
        dying.prepare(res, tx, TestWindows.LONG, fed.inAMinute(), List.of(LAN, BACKUP));
        dying.commit(res, tx);
        dying.stitch(res, tx);

        assertThrows(Died.class, () -> dying.abort(res, tx));
        assertEquals(Set.of(), fed.net.managedLinks(fed.req), "died after removing the interfaces");

        StitchService restarted = restartAndReconcile(Set.of());
        assertEquals(StitchState.STITCHED, restarted.status(Optional.of(res)).bookings().get(0).state(),
                "the booking outlived the kill, so the restart restored its interfaces");
        assertTrue(restarted.abort(res, tx).isPresent(), "the broker's repeated abort finds the booking");

        assertEquals(Set.of(), fed.net.managedLinks(fed.req));
        assertEquals(List.of(), restarted.status(Optional.empty()).bookings());
        assertTrue(restarted.abort(res, tx).isEmpty(), "and once more is a no-op");
    }

    /** The requester gateway, assembled to die at {@code point}. */
    private StitchService armedAt(String point) throws IOException {
        Files.writeString(killFile, point + "\n");
        return fed.restartRequester(new KillSwitch(Optional.of(killFile), at -> {
            throw new Died(at);
        })).service();
    }

    /** What {@code GatewayServer.start} does after a crash: a fresh gateway on the same store, reconciled. */
    private StitchService restartAndReconcile(Set<String> expectedStray) {
        GatewayParts restarted = fed.restartRequester(new KillSwitch(Optional.of(killFile), at -> {
            throw new AssertionError("the restarted gateway died again at " + at);
        }));
        Set<InterfaceName> removed = new Reconciler(GW_REQ, fed.requesterStore(), restarted.dataPlane()).reconcile();
        assertEquals(expectedStray, removed.stream().map(InterfaceName::value).collect(Collectors.toSet()), "interfaces of a stitch that was never stored are stray");
        return restarted.service();
    }

    private List<String> portsOf(String bridge) {
        return fed.net.ip(fed.req, "-o", "link", "show", "master", bridge).stdout().lines()
                .map(line -> line.split(":")[1].strip().split("@")[0]).sorted().toList();
    }

    private static StitchSpec spec(String segment, int vni) {
        return new StitchSpec(new SegmentName(segment), new Vni(vni), TunnelKind.VXLAN, Optional.empty(),
                List.of(new Ipv4Address(PROV_ADDRESS)));
    }

    /** A simulated SIGKILL: an Error, so no {@code catch (RuntimeException)} on the way rolls anything back. */
    private static final class Died extends Error {
        Died(String point) {
            super("killed at " + point);
        }
    }
}
