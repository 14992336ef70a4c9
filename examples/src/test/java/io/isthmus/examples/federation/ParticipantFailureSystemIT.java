package io.isthmus.examples.federation;

import static io.isthmus.examples.federation.FederationProbes.gatewayStitches;
import static io.isthmus.examples.federation.SplitRequestFederation.GATEWAYS;
import static io.isthmus.examples.federation.SplitRequestFederation.SITES;
import static io.isthmus.examples.federation.SplitRequestFederation.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.examples.client.ViDocument;
import io.isthmus.examples.federation.process.ChildProcess;
import io.isthmus.schema.gateway.v1.StitchState;
import io.isthmus.schema.site.v1.DomainState;
import io.isthmus.schema.site.v1.SiteBookingState;
import io.isthmus.schema.site.v1.SiteNodeStatus;
import io.isthmus.schema.site.v1.SiteReservationStatus;
import io.isthmus.schema.v1.FaultCode;
import io.isthmus.schema.v1.LifecycleState;
import io.isthmus.schema.v1.PlacementConstraints;
import io.isthmus.schema.v1.ProvisionState;
import io.isthmus.schema.v1.ReservationState;
import io.isthmus.schema.v1.ReservationSummary;
import io.isthmus.schema.v1.VirtualInfrastructure;
import io.isthmus.wsdl.broker.ServiceFault;
import jakarta.xml.ws.WebServiceException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9: participants that die or hang. A site RMS or gateway killed with SIGKILL in the middle of prepare, commit,
 * provision, stitch and terminate (it kills itself at the point a test writes into its kill file) and started again;
 * a site away for longer than its hold; a site that hangs (SIGSTOP) while other reservations must go on; a gateway
 * that lost its disk. Each test checks, through the broker's and every participant's own SOAP status, that the
 * reservation converges to what a user expects and that nothing is left behind.
 */
class ParticipantFailureSystemIT extends FailureSystemTest {

    /** How much longer than the broker's hold time a participant keeps a hold (TransitionSteps.PARTICIPANT_GRACE). */
    private static final int PARTICIPANT_GRACE_SECONDS = 30;

    @BeforeAll
    static void start() {
        startFederation("participant-it", 18300, "participant-test@requester-dc");
    }

    @Test
    void aSiteAwayLongerThanItsHoldMakesTheCommitUndoneEverywhereWithTheReasonForTheRequester() throws Exception {
        String id = fed.held().getReservationId();
        Instant participantHoldsLapse = Instant.now().plusSeconds(HOLD_SECONDS + PARTICIPANT_GRACE_SECONDS);
        federation.killService("site-b");

        ServiceFault unfinished = assertThrows(ServiceFault.class, () -> broker.reserveCommit(id));
        assertEquals(FaultCode.UNAVAILABLE, unfinished.getFaultInfo().getCode(), unfinished.getFaultInfo().getMessage());
        while (Instant.now().isBefore(participantHoldsLapse.plusSeconds(5))) {
            SplitRequestFederation.pause();
        }
        federation.startService("site-b");

        ReservationSummary ended = fed.await(id, s -> s.getLifecycleState() == LifecycleState.TERMINATED);
        assertEquals(LifecycleState.TERMINATED, ended.getLifecycleState(), SplitRequestFederation.describe(ended));
        assertTrue(!ended.isCommitted(), SplitRequestFederation.describe(ended));
        assertTrue(ended.getLastError() != null && ended.getLastError().contains("site-b"),
                "the requester reads why: " + SplitRequestFederation.describe(ended));
        fed.assertNothingLeftOf(id);
    }

    @Test
    void reservationsStuckOnAHungSiteDoNotDelayAnotherReservationsHoldExpiry() throws Exception {
        List<String> stuck = new ArrayList<>();
        stuck.add(fed.held().getReservationId());
        stuck.add(broker.reserve(fed.vi("gw-req", 200)).getReservationId());
        stuck.add(broker.reserve(fed.vi("gw-req2", 100)).getReservationId());
        ChildProcess siteB = federation.child("site-b");
        siteB.suspend();
        ExecutorService terminations = Executors.newFixedThreadPool(stuck.size());
        try {
            // each terminate, and each retry of it by the sweeper, waits a whole call timeout (30 s) on site-b
            stuck.forEach(id -> terminations.submit(() -> broker.terminate(id)));
            VirtualInfrastructure atSiteA = TestVis.onGateway(TestVis.small(), "gw-req2");
            atSiteA.getSegment().get(0).setVlan(200);
            PlacementConstraints onlySiteA = new PlacementConstraints();
            onlySiteA.getAllowedSite().add("site-a");
            atSiteA.setConstraints(onlySiteA);
            ReservationSummary other = broker.reserve(atSiteA);
            Instant expires = Instant.now().plusSeconds(HOLD_SECONDS);

            ReservationSummary expired = fed.await(other.getReservationId(),
                    s -> s.getLifecycleState() == LifecycleState.TERMINATED);
            assertEquals(ReservationState.RESERVE_TIMEOUT, expired.getReservationState(), SplitRequestFederation.describe(expired));
            assertTrue(Instant.now().isBefore(expires.plusSeconds(40)), "the hold expired on time, not after the"
                    + " stuck reservations' retries (three of 30 s each when one sweep took them in turn)");
        } finally {
            siteB.resume();
            terminations.shutdown();
        }
        for (String id : stuck) {
            ReservationSummary ended = fed.await(id, s -> s.getLifecycleState() == LifecycleState.TERMINATED);
            assertEquals(LifecycleState.TERMINATED, ended.getLifecycleState(), SplitRequestFederation.describe(ended));
        }
        fed.assertHoldingAsBefore();
    }

    @Test
    void aTenantVlanIsBookedOverTimeNotForever() throws Exception {
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        VirtualInfrastructure first = ViDocument.startingNow(fed.vi(), tomorrow, Duration.ofHours(2));
        VirtualInfrastructure dayAfter = ViDocument.startingNow(fed.vi(), tomorrow.plus(Duration.ofDays(1)),
                Duration.ofHours(2));
        VirtualInfrastructure overlapping = ViDocument.startingNow(fed.vi(), tomorrow.plus(Duration.ofHours(1)),
                Duration.ofHours(2));

        String a = broker.reserve(first).getReservationId();
        String b = broker.reserve(dayAfter).getReservationId();
        ServiceFault refused = assertThrows(ServiceFault.class, () -> broker.reserve(overlapping));

        assertEquals(ReservationState.RESERVE_HELD, broker.query(b).orElseThrow().getReservationState(),
                "the same VLAN on the same requester gateway the day after is free");
        assertTrue(refused.getFaultInfo().getMessage().contains("VLAN"), refused.getFaultInfo().getMessage());
        broker.reserveAbort(a);
        broker.reserveAbort(b);
        fed.assertHoldingAsBefore();
    }

    @Test
    void anActivationThatKeepsFailingAtTheWindowsStartIsGivenUpWithTheReasonAndLeavesNothingRunning()
            throws Exception {
        VirtualInfrastructure later = ViDocument.startingNow(fed.vi(), Instant.now().plusSeconds(15), Duration.ofHours(1));
        String id = broker.reserve(later).getReservationId();
        broker.reserveCommit(id);
        assertEquals(ProvisionState.PROVISIONED, broker.provision(id).getProvisionState(), "starts at its window");
        // gw-b loses its disk: it forgets the reservation, so stitching it can never succeed
        federation.killService("gw-b");
        SplitRequestFederation.deleteTree(federation.broker().spec().workingDirectory().resolve("data").resolve("gw-b"));
        federation.startService("gw-b");

        ReservationSummary gaveUp = fed.await(id, s -> s.getProvisionState() == ProvisionState.RELEASED);
        assertEquals(ProvisionState.RELEASED, gaveUp.getProvisionState(), SplitRequestFederation.describe(gaveUp));
        assertTrue(gaveUp.getLastError() != null && gaveUp.getLastError().contains("stopped trying")
                && gaveUp.getLastError().contains("gw-b"), "the requester reads why: " + SplitRequestFederation.describe(gaveUp));
        for (String site : SplitRequestFederation.SITES) {
            fed.onlyStatus(site, id).getNode().forEach(n -> assertEquals(DomainState.ABSENT, n.getDomainState(),
                    site + " " + n.getNode() + " left running"));
        }
        fed.terminateAndAssertNothingLeft(id);
    }

    // ---- participants killed in the middle of a step ----

    @ParameterizedTest(name = "{0} killed after storing its commit")
    @ValueSource(strings = {"site-a", "gw-a"})
    void aParticipantKilledAfterStoringItsCommitIsCommittedOnceItIsBack(String participant) throws Exception {
        String id = fed.held().getReservationId();
        crashParticipantDuring(participant, "commit.stored", () -> broker.reserveCommit(id));

        ReservationSummary committed = fed.await(id, ReservationSummary::isCommitted);
        assertTrue(committed.isCommitted(), describe(committed));
        fed.assertEverywhere(id, SiteBookingState.COMMITTED, StitchState.COMMITTED);
        fed.terminateAndAssertNothingLeft(id);
    }

    @ParameterizedTest(name = "{0} killed after storing its hold")
    @ValueSource(strings = {"site-a", "gw-b"})
    void aParticipantKilledAfterStoringItsHoldIsToldToLetGoOnceItIsBackNotOnlyWhenTheHoldLapses(String participant)
            throws Exception {
        Instant holdsLapse = Instant.now().plusSeconds(HOLD_SECONDS + PARTICIPANT_GRACE_SECONDS);
        crashParticipantDuring(participant, "prepare.stored", () -> broker.reserve(fed.vi()));

        fed.assertHoldingAsBefore();
        assertTrue(Instant.now().isBefore(holdsLapse), participant + " let go because the broker told it, before its"
                + " hold lapsed");
        assertTrue(broker.queryAll().stream().anyMatch(s -> s.getReservationState() == ReservationState.RESERVE_FAILED
                && s.getLifecycleState() == LifecycleState.TERMINATED && s.getLastError() != null
                && s.getLastError().contains(participant)), "the failed reserve ended with its reason");
    }

    @Test
    void aSiteKilledMidProvisionLeavesNothingRunningAndTheNextProvisionStartsEachNodeOnce() throws Exception {
        String id = fed.held().getReservationId();
        broker.reserveCommit(id);
        String node = fed.vi().getNode().get(0).getName();
        crashParticipantDuring("site-a", "provision.started:" + node, () -> broker.provision(id));

        ReservationSummary released = fed.await(id, s -> s.getProvisionState() == ProvisionState.RELEASED);
        assertEquals(ProvisionState.RELEASED, released.getProvisionState(), describe(released));
        assertNothingRuns(id);
        assertProvisionsCleanly(id);
    }

    @Test
    void aGatewayKilledMidStitchLeavesNothingRunningAndTheNextProvisionStitchesEachSegmentOnce() throws Exception {
        String id = fed.held().getReservationId();
        broker.reserveCommit(id);
        String segment = fed.vi().getSegment().get(0).getName();
        crashParticipantDuring("gw-a", "stitch.realised:" + segment, () -> broker.provision(id));

        ReservationSummary released = fed.await(id, s -> s.getProvisionState() == ProvisionState.RELEASED);
        assertEquals(ProvisionState.RELEASED, released.getProvisionState(), describe(released));
        assertNothingRuns(id);
        assertProvisionsCleanly(id);
    }

    @Test
    void aSiteKilledMidTerminateIsTerminatedOnceItIsBack() throws Exception {
        String id = fed.provisioned().getReservationId();
        String node = fed.vi().getNode().get(1).getName();
        crashParticipantDuring("site-b", "terminate.removed:" + node, () -> broker.terminate(id));

        ReservationSummary ended = fed.await(id, s -> s.getLifecycleState() == LifecycleState.TERMINATED);
        assertEquals(LifecycleState.TERMINATED, ended.getLifecycleState(), describe(ended));
        fed.assertNothingLeftOf(id);
    }

    private void assertNothingRuns(String id) throws Exception {
        for (String site : SITES) {
            for (SiteNodeStatus n : fed.onlyStatus(site, id).getNode()) {
                assertEquals(DomainState.ABSENT, n.getDomainState(), site + " " + n.getNode() + " still runs");
            }
        }
        for (String gateway : GATEWAYS) {
            gatewayStitches(endpoints.gateway(gateway), id)
                    .forEach(s -> assertEquals(StitchState.COMMITTED, s.getState(), gateway + " still stitched"));
        }
    }

    private void assertProvisionsCleanly(String id) throws Exception {
        ReservationSummary provisioned = ItFederations.provisionAndWait(broker, id);
        assertEquals(ProvisionState.PROVISIONED, provisioned.getProvisionState(), describe(provisioned));
        for (String site : SITES) {
            SiteReservationStatus status = fed.onlyStatus(site, id);
            assertEquals(1, status.getNode().size(), site + " runs its one node once");
            status.getNode().forEach(n -> assertEquals(DomainState.RUNNING, n.getDomainState(), site));
        }
        if (endpoints.dataPlaneEmulated()) {
            for (String gateway : GATEWAYS) {
                gatewayStitches(endpoints.gateway(gateway), id)
                        .forEach(s -> assertEquals(StitchState.STITCHED, s.getState(), gateway));
            }
        }
        fed.terminateAndAssertNothingLeft(id);
    }

    // ---- steps ----

    /** Arms {@code participant} at {@code point}, runs {@code call} (which fails as it dies), waits, restarts it. */
    private static void crashParticipantDuring(String participant, String point, BrokerCall call) throws Exception {
        ChildProcess armed = federation.child(participant);
        Files.createDirectories(federation.killFile(participant).getParent());
        Files.writeString(federation.killFile(participant), point);
        Exception failed = assertThrows(Exception.class, call::run, "the call fails when " + participant + " dies");
        assertTrue(failed instanceof ServiceFault || failed instanceof WebServiceException, failed.toString());
        Instant deadline = Instant.now().plusSeconds(30);
        while (armed.isAlive() && Instant.now().isBefore(deadline)) {
            SplitRequestFederation.pause();
        }
        assertEquals(Optional.of(137), armed.exitCode(), participant + " died of SIGKILL at " + point);
        federation.startService(participant);
    }

    /** A broker call that is expected to fail. */
    @FunctionalInterface
    private interface BrokerCall {
        void run() throws Exception;
    }
}
