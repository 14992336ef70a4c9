package io.isthmus.examples.federation;

import static io.isthmus.examples.federation.FederationProbes.gatewayReservations;
import static io.isthmus.examples.federation.FederationProbes.gatewayStitches;
import static io.isthmus.examples.federation.FederationProbes.siteFreeCapacity;
import static io.isthmus.examples.federation.FederationProbes.siteReservations;
import static io.isthmus.examples.federation.FederationProbes.siteStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.examples.client.IsthmusClient;
import io.isthmus.examples.federation.process.ChildProcess;
import io.isthmus.schema.gateway.v1.StitchState;
import io.isthmus.schema.gateway.v1.StitchStatus;
import io.isthmus.schema.site.v1.DomainState;
import io.isthmus.schema.site.v1.SiteBookingState;
import io.isthmus.schema.site.v1.SiteNodeStatus;
import io.isthmus.schema.site.v1.SiteReservationStatus;
import io.isthmus.schema.v1.FaultCode;
import io.isthmus.schema.v1.LifecycleState;
import io.isthmus.schema.v1.ProvisionState;
import io.isthmus.schema.v1.ReservationState;
import io.isthmus.schema.v1.ReservationSummary;
import io.isthmus.schema.v1.VirtualInfrastructure;
import io.isthmus.wsdl.broker.ServiceFault;
import jakarta.xml.ws.WebServiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
class CrashRecoverySystemIT {

    private static final int HOLD_SECONDS = 20;
    /** Where the test names the point the broker kills itself at (the broker deletes it as it dies). */
    private static Path killFile;
    private static final Duration CONVERGES_WITHIN = Duration.ofSeconds(90);
    /** How much longer than the broker's hold time a participant keeps a hold (ReservationService.PARTICIPANT_GRACE). */
    private static final int PARTICIPANT_GRACE_SECONDS = 30;
    private static final List<String> SITES = List.of("site-a", "site-b");
    private static final List<String> GATEWAYS = List.of("gw-req", "gw-a", "gw-b");

    private static EmulatedFederation federation;
    private static FederationEndpoints endpoints;
    private static IsthmusClient broker;

    private Map<String, Set<String>> heldBefore;
    private Map<String, List<String>> freeBefore;

    @BeforeAll
    static void startFederation() {
        federation = ItFederations.start("crash-it", 18200, HOLD_SECONDS);
        endpoints = federation.endpoints();
        broker = new IsthmusClient(endpoints.brokerSoap(), "crash-test@requester-dc");
        killFile = federation.broker().spec().workingDirectory().resolve("kill-at").toAbsolutePath();
        federation.restartBroker(crashTestSettings());
    }

    /** A killed instance's lease runs out after 3 s, then the restarted broker finishes its work. */
    private static Map<String, String> crashTestSettings() {
        return Map.of("isthmus.instance.lease.seconds", "3", "isthmus.fault.killAtFile", killFile.toString());
    }

    @AfterAll
    static void stopFederation() {
        if (federation != null) {
            federation.close();
        }
    }

    @BeforeEach
    void recordWhatIsHeld() throws Exception {
        heldBefore = reservationsEverywhere();
        freeBefore = freeCapacity();
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
        VirtualInfrastructure vi = vi();
        crashDuring("reserve.held", () -> broker.reserve(vi, correlation));

        ReservationSummary held = broker.reserve(vi, correlation);
        assertEquals(ReservationState.RESERVE_HELD, held.getReservationState(), "the acknowledged hold survived");
        assertEquals(1, broker.queryAll().stream().filter(s -> s.getReservationId().equals(held.getReservationId()))
                .count());
        assertEverywhere(held.getReservationId(), SiteBookingState.HELD, StitchState.HELD);

        ReservationSummary committed = broker.reserveCommit(held.getReservationId());
        assertTrue(committed.isCommitted());
        assertEverywhere(held.getReservationId(), SiteBookingState.COMMITTED, StitchState.COMMITTED);
        terminateAndAssertNothingLeft(held.getReservationId());
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
        String id = held().getReservationId();
        broker.reserveCommit(id);
        crashDuring("activate.done:" + participant, () -> broker.provision(id));

        ReservationSummary provisioned = await(id, s -> s.getProvisionState() == ProvisionState.PROVISIONED
                && s.isDataPlaneActive());
        assertEquals(ProvisionState.PROVISIONED, provisioned.getProvisionState(), describe(provisioned));
        for (String site : SITES) {
            SiteReservationStatus status = onlyStatus(site, id);
            assertEquals(SiteBookingState.PROVISIONED, status.getState(), site);
            assertEquals(1, status.getNode().size(), site + " runs its one node once, not twice");
            for (SiteNodeStatus node : status.getNode()) {
                assertEquals(DomainState.RUNNING, node.getDomainState(), site + " " + node.getNode());
            }
        }
        if (endpoints.dataPlaneEmulated()) {
            for (String gateway : GATEWAYS) {
                gatewayStitches(endpoints.gateway(gateway), id)
                        .forEach(s -> assertEquals(StitchState.STITCHED, s.getState(), gateway));
            }
        }
        terminateAndAssertNothingLeft(id);
    }

    @Test
    void killedMidReleaseTheRestartedBrokerStopsEveryNodeAndKeepsTheBookings() throws Exception {
        String id = provisioned().getReservationId();
        crashDuring("deactivate.done:gw-a", () -> broker.release(id));

        ReservationSummary released = await(id, s -> s.getProvisionState() == ProvisionState.RELEASED);
        assertEquals(ProvisionState.RELEASED, released.getProvisionState(), describe(released));
        assertTrue(released.isCommitted());
        for (String site : SITES) {
            SiteReservationStatus status = onlyStatus(site, id);
            assertEquals(SiteBookingState.RELEASED, status.getState(), site + " keeps the booking, runs nothing");
            status.getNode().forEach(n -> assertEquals(DomainState.ABSENT, n.getDomainState(), site + " " + n.getNode()));
        }
        for (String gateway : GATEWAYS) {
            gatewayStitches(endpoints.gateway(gateway), id)
                    .forEach(s -> assertEquals(StitchState.COMMITTED, s.getState(), gateway + " unstitched"));
        }
        terminateAndAssertNothingLeft(id);
    }

    @ParameterizedTest(name = "after {0} terminated")
    @ValueSource(strings = {"gw-a", "gw-b", "gw-req", "site-a", "site-b"})
    void killedMidTerminateTheRestartedBrokerFinishesTheTermination(String participant) throws Exception {
        String id = provisioned().getReservationId();
        crashDuring("terminate.done:" + participant, () -> broker.terminate(id));

        ReservationSummary terminated = await(id, s -> s.getLifecycleState() == LifecycleState.TERMINATED);
        assertEquals(LifecycleState.TERMINATED, terminated.getLifecycleState(), describe(terminated));
        assertNothingLeftOf(id);
    }

    @Test
    void killedBetweenTheStepsOfHoldExpiryTheRestartedBrokerReleasesTheHoldsEverywhere() throws Exception {
        String id = held().getReservationId();
        ChildProcess armed = arm("expiry.timedOut");
        awaitDeath(armed, Duration.ofSeconds(HOLD_SECONDS + 60));
        federation.restartBroker(crashTestSettings());

        ReservationSummary ended = await(id, s -> s.getLifecycleState() == LifecycleState.TERMINATED);
        assertEquals(ReservationState.RESERVE_TIMEOUT, ended.getReservationState(), describe(ended));
        assertEquals(LifecycleState.TERMINATED, ended.getLifecycleState(), describe(ended));
        assertNothingLeftOf(id);
    }

    @Test
    void aSiteAwayLongerThanItsHoldMakesTheCommitUndoneEverywhereWithTheReasonForTheRequester() throws Exception {
        String id = held().getReservationId();
        Instant participantHoldsLapse = Instant.now().plusSeconds(HOLD_SECONDS + PARTICIPANT_GRACE_SECONDS);
        federation.killService("site-b");

        ServiceFault unfinished = assertThrows(ServiceFault.class, () -> broker.reserveCommit(id));
        assertEquals(FaultCode.UNAVAILABLE, unfinished.getFaultInfo().getCode(), unfinished.getFaultInfo().getMessage());
        while (Instant.now().isBefore(participantHoldsLapse.plusSeconds(5))) {
            pause();
        }
        federation.startService("site-b");

        ReservationSummary ended = await(id, s -> s.getLifecycleState() == LifecycleState.TERMINATED);
        assertEquals(LifecycleState.TERMINATED, ended.getLifecycleState(), describe(ended));
        assertTrue(!ended.isCommitted(), describe(ended));
        assertTrue(ended.getLastError() != null && ended.getLastError().contains("site-b"),
                "the requester reads why: " + describe(ended));
        assertNothingLeftOf(id);
    }

    @Test
    void identicalReservesAtTheSameMomentAllAnswerTheOneHeldReservation() throws Exception {
        String correlation = UUID.randomUUID().toString();
        VirtualInfrastructure vi = vi();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<ReservationSummary>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(clients.submit(() -> broker.reserve(vi, correlation)));
            }
            Set<String> ids = new HashSet<>();
            for (Future<ReservationSummary> answer : answers) {
                ReservationSummary summary = answer.get(5, TimeUnit.MINUTES);
                assertEquals(ReservationState.RESERVE_HELD, summary.getReservationState(), describe(summary));
                ids.add(summary.getReservationId());
            }
            assertEquals(1, ids.size(), "one reservation for one correlation id: " + ids);
            String id = ids.iterator().next();
            assertEverywhere(id, SiteBookingState.HELD, StitchState.HELD);

            List<Future<ReservationSummary>> commits = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                commits.add(clients.submit(() -> broker.reserveCommit(id)));
            }
            for (Future<ReservationSummary> commit : commits) {
                assertTrue(commit.get(5, TimeUnit.MINUTES).isCommitted(), "every concurrent commit answers committed");
            }
            terminateAndAssertNothingLeft(id);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aCorrelationIdReusedForAnotherRequestIsAConflictThatHoldsNothing() throws Exception {
        String correlation = UUID.randomUUID().toString();
        String id = broker.reserve(vi(), correlation).getReservationId();
        VirtualInfrastructure other = vi();
        other.setDescription("another request");

        ServiceFault refused = assertThrows(ServiceFault.class, () -> broker.reserve(other, correlation));

        assertEquals(FaultCode.CONFLICT, refused.getFaultInfo().getCode(), refused.getFaultInfo().getMessage());
        assertTrue(refused.getFaultInfo().getMessage().contains(id), refused.getFaultInfo().getMessage());
        broker.reserveAbort(id);
        assertNothingLeftOf(id);
    }

    @Test
    void aSiteGatewayNamedAsTheRequestersGatewayIsRefusedBeforeAnythingIsHeld() throws Exception {
        VirtualInfrastructure vi = vi();
        vi.getRequesterGateway().setEndpoint(endpoints.gateway("gw-a").toString());

        ServiceFault refused = assertThrows(ServiceFault.class, () -> broker.reserve(vi));

        assertEquals(FaultCode.VALIDATION, refused.getFaultInfo().getCode(), refused.getFaultInfo().getMessage());
        assertTrue(refused.getFaultInfo().getMessage().contains("requesterGateway"), refused.getFaultInfo().getMessage());
        assertEquals(heldBefore, reservationsEverywhere());
    }

    // ---- scenarios shared by several kill points ----

    private void assertKilledReserveFails(String point) throws Exception {
        String correlation = UUID.randomUUID().toString();
        VirtualInfrastructure vi = vi();
        crashDuring(point, () -> broker.reserve(vi, correlation));

        ServiceFault failed = assertThrows(ServiceFault.class, () -> broker.reserve(vi, correlation),
                "the retry with the same correlation id answers the reservation the killed broker recorded");
        assertEquals(FaultCode.UNAVAILABLE, failed.getFaultInfo().getCode(), failed.getFaultInfo().getMessage());
        assertTrue(failed.getFaultInfo().getMessage().contains("new correlation id"), failed.getFaultInfo().getMessage());
        assertEquals(heldBefore, awaitHeld(heldBefore), "holds outlived the failed reserve");
        assertEquals(freeBefore, freeCapacity());
    }

    private void assertKilledCommitFinishes(String point) throws Exception {
        String id = held().getReservationId();
        crashDuring(point, () -> broker.reserveCommit(id));

        ReservationSummary committed = await(id, ReservationSummary::isCommitted);
        assertTrue(committed.isCommitted(), describe(committed));
        assertEquals(ReservationState.RESERVE_START, committed.getReservationState());
        assertEverywhere(id, SiteBookingState.COMMITTED, StitchState.COMMITTED);
        assertTrue(broker.reserveCommit(id).isCommitted(), "a repeated commit answers the same");
        terminateAndAssertNothingLeft(id);
    }

    // ---- steps ----

    /** Arms the broker at {@code point}, runs {@code call} (which dies with it), waits for the death, restarts. */
    private static void crashDuring(String point, BrokerCall call) throws Exception {
        ChildProcess armed = arm(point);
        assertThrows(WebServiceException.class, call::run, "the call dies with the broker at " + point);
        awaitDeath(armed, Duration.ofSeconds(30));
        federation.restartBroker(crashTestSettings());
    }

    private static ChildProcess arm(String point) throws IOException {
        Files.writeString(killFile, point);
        return federation.broker();
    }

    private static void awaitDeath(ChildProcess armed, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (armed.isAlive() && Instant.now().isBefore(deadline)) {
            pause();
        }
        assertEquals(Optional.of(137), armed.exitCode(), "the broker died of SIGKILL (exit 137); log " + armed.logFile());
    }

    private ReservationSummary held() throws Exception {
        ReservationSummary held = broker.reserve(vi());
        assertEquals(ReservationState.RESERVE_HELD, held.getReservationState());
        return held;
    }

    private ReservationSummary provisioned() throws Exception {
        String id = held().getReservationId();
        broker.reserveCommit(id);
        ReservationSummary provisioned = ItFederations.provisionAndWait(broker, id);
        assertEquals(ProvisionState.PROVISIONED, provisioned.getProvisionState(), describe(provisioned));
        return provisioned;
    }

    private void terminateAndAssertNothingLeft(String id) throws Exception {
        assertEquals(LifecycleState.TERMINATED, broker.terminate(id).getLifecycleState());
        assertNothingLeftOf(id);
    }

    private void assertNothingLeftOf(String id) throws Exception {
        Map<String, Set<String>> now = awaitHeld(heldBefore);
        now.forEach((participant, ids) -> assertTrue(!ids.contains(id), participant + " still holds " + id));
        assertEquals(heldBefore, now);
        assertEquals(freeBefore, freeCapacity(), "capacity at the sites is free again");
    }

    private static void assertEverywhere(String id, SiteBookingState siteState, StitchState gatewayState)
            throws Exception {
        for (String site : SITES) {
            assertEquals(siteState, onlyStatus(site, id).getState(), site);
        }
        for (String gateway : GATEWAYS) {
            List<StitchStatus> stitches = gatewayStitches(endpoints.gateway(gateway), id);
            assertTrue(!stitches.isEmpty(), gateway + " holds the reservation's stitches");
            stitches.forEach(s -> assertEquals(gatewayState, s.getState(), gateway));
        }
    }

    private static SiteReservationStatus onlyStatus(String site, String id) throws Exception {
        List<SiteReservationStatus> status = siteStatus(endpoints.site(site), id);
        assertEquals(1, status.size(), site + " knows " + id + " once");
        return status.get(0);
    }

    private static ReservationSummary await(String id, Predicate<ReservationSummary> done) throws Exception {
        Instant deadline = Instant.now().plus(CONVERGES_WITHIN);
        ReservationSummary current = broker.query(id).orElseThrow();
        while (!done.test(current) && Instant.now().isBefore(deadline)) {
            pause();
            current = broker.query(id).orElseThrow();
        }
        return current;
    }

    /** What the participants hold, once it equals {@code expected} or the convergence limit has passed. */
    private static Map<String, Set<String>> awaitHeld(Map<String, Set<String>> expected) throws Exception {
        Instant deadline = Instant.now().plus(CONVERGES_WITHIN);
        Map<String, Set<String>> current = reservationsEverywhere();
        while (!current.equals(expected) && Instant.now().isBefore(deadline)) {
            pause();
            current = reservationsEverywhere();
        }
        return current;
    }

    private static Map<String, Set<String>> reservationsEverywhere() throws Exception {
        Map<String, Set<String>> all = new HashMap<>();
        for (String site : SITES) {
            all.put(site, siteReservations(endpoints.site(site)));
        }
        for (String gateway : GATEWAYS) {
            all.put(gateway, gatewayReservations(endpoints.gateway(gateway)));
        }
        return all;
    }

    private static Map<String, List<String>> freeCapacity() throws Exception {
        Map<String, List<String>> free = new HashMap<>();
        for (String site : SITES) {
            free.put(site, siteFreeCapacity(endpoints.site(site)));
        }
        return free;
    }

    private static VirtualInfrastructure vi() {
        return TestVis.split(endpoints.requesterGateway(), 100);
    }

    private static String describe(ReservationSummary s) {
        return s.getReservationId() + " " + s.getReservationState() + "/" + s.getProvisionState() + "/"
                + s.getLifecycleState() + (s.getLastError() == null ? "" : ": " + s.getLastError());
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A broker call that is expected to die with the broker. */
    @FunctionalInterface
    private interface BrokerCall {
        void run() throws Exception;
    }
}
