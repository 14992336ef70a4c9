package io.isthmus.examples.federation;

import static io.isthmus.examples.federation.FederationProbes.gatewayStitches;
import static io.isthmus.examples.federation.FederationProbes.siteStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.examples.federation.process.ChildProcess;
import io.isthmus.schema.gateway.v1.StitchState;
import io.isthmus.schema.gateway.v1.StitchStatus;
import io.isthmus.schema.site.v1.DomainState;
import io.isthmus.schema.site.v1.SiteBookingState;
import io.isthmus.schema.site.v1.SiteNodeStatus;
import io.isthmus.schema.site.v1.SiteReservationStatus;
import io.isthmus.schema.v1.FaultCode;
import io.isthmus.examples.client.ViDocument;
import io.isthmus.schema.v1.LifecycleState;
import io.isthmus.schema.v1.PlacementConstraints;
import io.isthmus.schema.v1.ProvisionState;
import io.isthmus.schema.v1.ReservationState;
import io.isthmus.schema.v1.ReservationSummary;
import io.isthmus.schema.v1.VirtualInfrastructure;
import io.isthmus.wsdl.broker.ServiceFault;
import jakarta.xml.ws.WebServiceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9: the broker JVM is killed with SIGKILL (it sends it to itself at the point the test names in the file of
 * {@code isthmus.fault.killAtFile}) in the middle of every transition, after each participant, then started again on
 * the same database. Each test checks convergence the way an
 * operator would: the reservation reaches the state a user expects, and every site and gateway holds exactly what
 * that state implies, read through their own SOAP status: no orphan hold, domain or stitch, nothing doubled.
 * The request is two small nodes pinned to site-a and site-b: five participants (two sites, their gateways and the
 * requester gateway), prepared sites first: site-a, site-b, gw-a, gw-b, gw-req.
 */
class CrashRecoverySystemIT extends FailureSystemTest {

    /** Where the test names the point the broker kills itself at (the broker deletes it as it dies). */
    private static Path killFile;

    @BeforeAll
    static void start() {
        startFederation("crash-it", 18200, "crash-test@requester-dc");
        killFile = federation.killFile("broker");
    }

    @Test
    void aBrokerStartedAgainOnTheSameRunDirectoryDeploysItsApplicationOnce() throws Exception {
        Path log = federation.broker().logFile();
        long before = Files.size(log);
        federation.restartBroker(Map.of());

        byte[] all = Files.readAllBytes(log);
        String sinceRestart = new String(all, (int) before, all.length - (int) before, StandardCharsets.UTF_8);
        long deployments = sinceRestart.lines().filter(l -> l.contains("isthmus was successfully deployed")).count();
        assertEquals(1, deployments, "one deployment per start (Payara Micro redeploys what its root directory holds)");
    }

    @Test
    void killedRightAfterRecordingAReserveItFailsItAndHoldsNothingAnywhere() throws Exception {
        assertKilledReserveFails("reserve.recorded");
    }

    @ParameterizedTest(name = "after {0} prepared")
    @ValueSource(strings = {"site-a", "site-b", "gw-a", "gw-b", "gw-req"})
    void killedAfterAParticipantsPrepareNothingStaysHeld(String participant) throws Exception {
        assertKilledReserveFails("prepare.done:" + participant);
    }

    @Test
    void killedAfterRecordingTheHoldTheRetryAnswersTheHeldReservationAndItCommits() throws Exception {
        String correlation = UUID.randomUUID().toString();
        VirtualInfrastructure vi = fed.vi();
        crashDuring("reserve.held", () -> broker.reserve(vi, correlation));

        ReservationSummary held = broker.reserve(vi, correlation);
        assertEquals(ReservationState.RESERVE_HELD, held.getReservationState(), "the acknowledged hold survived");
        assertEquals(1, broker.queryAll().stream().filter(s -> s.getReservationId().equals(held.getReservationId()))
                .count());
        fed.assertEverywhere(held.getReservationId(), SiteBookingState.HELD, StitchState.HELD);

        ReservationSummary committed = broker.reserveCommit(held.getReservationId());
        assertTrue(committed.isCommitted());
        fed.assertEverywhere(held.getReservationId(), SiteBookingState.COMMITTED, StitchState.COMMITTED);
        fed.terminateAndAssertNothingLeft(held.getReservationId());
    }

    @Test
    void killedOnceTheCommitIsDecidedTheRestartedBrokerFinishesIt() throws Exception {
        assertKilledCommitFinishes("commit.decided");
    }

    @ParameterizedTest(name = "after {0} committed")
    @ValueSource(strings = {"site-a", "site-b", "gw-a", "gw-b", "gw-req"})
    void killedAfterAParticipantCommittedTheRestartedBrokerFinishesIt(String participant) throws Exception {
        assertKilledCommitFinishes("commit.done:" + participant);
    }

    @ParameterizedTest(name = "after {0} was activated")
    @ValueSource(strings = {"site-a", "site-b", "gw-a", "gw-b", "gw-req"})
    void killedMidProvisionTheRestartedBrokerStartsEveryNodeOnceAndStitchesEveryGateway(String participant)
            throws Exception {
        String id = fed.held().getReservationId();
        broker.reserveCommit(id);
        crashDuring("activate.done:" + participant, () -> broker.provision(id));

        ReservationSummary provisioned = fed.await(id, s -> s.getProvisionState() == ProvisionState.PROVISIONED
                && s.isDataPlaneActive());
        assertEquals(ProvisionState.PROVISIONED, provisioned.getProvisionState(), SplitRequestFederation.describe(provisioned));
        for (String site : SplitRequestFederation.SITES) {
            SiteReservationStatus status = fed.onlyStatus(site, id);
            assertEquals(SiteBookingState.PROVISIONED, status.getState(), site);
            assertEquals(1, status.getNode().size(), site + " runs its one node once, not twice");
            for (SiteNodeStatus node : status.getNode()) {
                assertEquals(DomainState.RUNNING, node.getDomainState(), site + " " + node.getNode());
            }
        }
        if (endpoints.dataPlaneEmulated()) {
            for (String gateway : SplitRequestFederation.GATEWAYS) {
                gatewayStitches(endpoints.gateway(gateway), id)
                        .forEach(s -> assertEquals(StitchState.STITCHED, s.getState(), gateway));
            }
        }
        fed.terminateAndAssertNothingLeft(id);
    }

    @Test
    void killedMidReleaseTheRestartedBrokerStopsEveryNodeAndKeepsTheBookings() throws Exception {
        String id = fed.provisioned().getReservationId();
        crashDuring("deactivate.done:gw-a", () -> broker.release(id));

        ReservationSummary released = fed.await(id, s -> s.getProvisionState() == ProvisionState.RELEASED);
        assertEquals(ProvisionState.RELEASED, released.getProvisionState(), SplitRequestFederation.describe(released));
        assertTrue(released.isCommitted());
        for (String site : SplitRequestFederation.SITES) {
            SiteReservationStatus status = fed.onlyStatus(site, id);
            assertEquals(SiteBookingState.RELEASED, status.getState(), site + " keeps the booking, runs nothing");
            status.getNode().forEach(n -> assertEquals(DomainState.ABSENT, n.getDomainState(), site + " " + n.getNode()));
        }
        for (String gateway : SplitRequestFederation.GATEWAYS) {
            gatewayStitches(endpoints.gateway(gateway), id)
                    .forEach(s -> assertEquals(StitchState.COMMITTED, s.getState(), gateway + " unstitched"));
        }
        fed.terminateAndAssertNothingLeft(id);
    }

    @ParameterizedTest(name = "after {0} terminated")
    @ValueSource(strings = {"gw-a", "gw-b", "gw-req", "site-a", "site-b"})
    void killedMidTerminateTheRestartedBrokerFinishesTheTermination(String participant) throws Exception {
        String id = fed.provisioned().getReservationId();
        crashDuring("terminate.done:" + participant, () -> broker.terminate(id));

        ReservationSummary terminated = fed.await(id, s -> s.getLifecycleState() == LifecycleState.TERMINATED);
        assertEquals(LifecycleState.TERMINATED, terminated.getLifecycleState(), SplitRequestFederation.describe(terminated));
        fed.assertNothingLeftOf(id);
    }

    @Test
    void killedBetweenTheStepsOfHoldExpiryTheRestartedBrokerReleasesTheHoldsEverywhere() throws Exception {
        String id = fed.held().getReservationId();
        ChildProcess armed = arm("expiry.timedOut");
        awaitDeath(armed, Duration.ofSeconds(HOLD_SECONDS + 60));
        federation.restartBroker(Map.of());

        ReservationSummary ended = fed.await(id, s -> s.getLifecycleState() == LifecycleState.TERMINATED);
        assertEquals(ReservationState.RESERVE_TIMEOUT, ended.getReservationState(), SplitRequestFederation.describe(ended));
        assertEquals(LifecycleState.TERMINATED, ended.getLifecycleState(), SplitRequestFederation.describe(ended));
        fed.assertNothingLeftOf(id);
    }

    @Test
    void identicalReservesAtTheSameMomentAllAnswerTheOneHeldReservation() throws Exception {
        String correlation = UUID.randomUUID().toString();
        VirtualInfrastructure vi = fed.vi();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<ReservationSummary>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(clients.submit(() -> broker.reserve(vi, correlation)));
            }
            Set<String> ids = new HashSet<>();
            for (Future<ReservationSummary> answer : answers) {
                ReservationSummary summary = answer.get(5, TimeUnit.MINUTES);
                assertEquals(ReservationState.RESERVE_HELD, summary.getReservationState(), SplitRequestFederation.describe(summary));
                ids.add(summary.getReservationId());
            }
            assertEquals(1, ids.size(), "one reservation for one correlation id: " + ids);
            String id = ids.iterator().next();
            fed.assertEverywhere(id, SiteBookingState.HELD, StitchState.HELD);

            List<Future<ReservationSummary>> commits = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                commits.add(clients.submit(() -> broker.reserveCommit(id)));
            }
            for (Future<ReservationSummary> commit : commits) {
                assertTrue(commit.get(5, TimeUnit.MINUTES).isCommitted(), "every concurrent commit answers committed");
            }
            fed.terminateAndAssertNothingLeft(id);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aCorrelationIdReusedForAnotherRequestIsAConflictThatHoldsNothing() throws Exception {
        String correlation = UUID.randomUUID().toString();
        String id = broker.reserve(fed.vi(), correlation).getReservationId();
        VirtualInfrastructure other = fed.vi();
        other.setDescription("another request");

        ServiceFault refused = assertThrows(ServiceFault.class, () -> broker.reserve(other, correlation));

        assertEquals(FaultCode.CONFLICT, refused.getFaultInfo().getCode(), refused.getFaultInfo().getMessage());
        assertTrue(refused.getFaultInfo().getMessage().contains(id), refused.getFaultInfo().getMessage());
        broker.reserveAbort(id);
        fed.assertNothingLeftOf(id);
    }

    @Test
    void aSiteGatewayNamedAsTheRequestersGatewayIsRefusedBeforeAnythingIsHeld() throws Exception {
        VirtualInfrastructure vi = fed.vi();
        vi.getRequesterGateway().setId("gw-a");   // a provider site's gateway, not registered as a requester's

        ServiceFault refused = assertThrows(ServiceFault.class, () -> broker.reserve(vi));

        assertEquals(FaultCode.VALIDATION, refused.getFaultInfo().getCode(), refused.getFaultInfo().getMessage());
        assertTrue(refused.getFaultInfo().getMessage().contains("requesterGateway"), refused.getFaultInfo().getMessage());
        assertEquals(fed.heldBefore(), fed.reservationsEverywhere());
    }

    // ---- scenarios shared by several kill points ----

    private void assertKilledReserveFails(String point) throws Exception {
        String correlation = UUID.randomUUID().toString();
        VirtualInfrastructure vi = fed.vi();
        crashDuring(point, () -> broker.reserve(vi, correlation));

        ServiceFault failed = assertThrows(ServiceFault.class, () -> broker.reserve(vi, correlation),
                "the retry with the same correlation id answers the reservation the killed broker recorded");
        assertEquals(FaultCode.UNAVAILABLE, failed.getFaultInfo().getCode(), failed.getFaultInfo().getMessage());
        assertTrue(failed.getFaultInfo().getMessage().contains("new correlation id"), failed.getFaultInfo().getMessage());
        fed.assertHoldingAsBefore();
    }

    private void assertKilledCommitFinishes(String point) throws Exception {
        String id = fed.held().getReservationId();
        crashDuring(point, () -> broker.reserveCommit(id));

        ReservationSummary committed = fed.await(id, ReservationSummary::isCommitted);
        assertTrue(committed.isCommitted(), SplitRequestFederation.describe(committed));
        assertEquals(ReservationState.RESERVE_START, committed.getReservationState());
        fed.assertEverywhere(id, SiteBookingState.COMMITTED, StitchState.COMMITTED);
        assertTrue(broker.reserveCommit(id).isCommitted(), "a repeated commit answers the same");
        fed.terminateAndAssertNothingLeft(id);
    }

    // ---- steps ----

    /** Arms the broker at {@code point}, runs {@code call} (which dies with it), waits for the death, restarts. */
    private static void crashDuring(String point, BrokerCall call) throws Exception {
        ChildProcess armed = arm(point);
        assertThrows(WebServiceException.class, call::run, "the call dies with the broker at " + point);
        awaitDeath(armed, Duration.ofSeconds(30));
        federation.restartBroker(Map.of());
    }

    private static ChildProcess arm(String point) throws IOException {
        Files.writeString(killFile, point);
        return federation.broker();
    }

    private static void awaitDeath(ChildProcess armed, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (armed.isAlive() && Instant.now().isBefore(deadline)) {
            SplitRequestFederation.pause();
        }
        assertEquals(Optional.of(137), armed.exitCode(), "the broker died of SIGKILL (exit 137); log " + armed.logFile());
    }

    /** A broker call that is expected to die with the broker. */
    @FunctionalInterface
    private interface BrokerCall {
        void run() throws Exception;
    }
}
