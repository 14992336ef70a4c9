package io.isthmus.examples.federation;

import static io.isthmus.examples.federation.FederationProbes.gatewayReservations;
import static io.isthmus.examples.federation.FederationProbes.gatewayStitches;
import static io.isthmus.examples.federation.FederationProbes.siteReservations;
import static io.isthmus.examples.federation.FederationProbes.siteStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.testsupport.PostgresTestServer;
import io.isthmus.examples.client.IsthmusClient;
import io.isthmus.examples.federation.config.ServicePorts;
import io.isthmus.examples.federation.process.ChildProcess;
import io.isthmus.schema.gateway.v1.StitchState;
import io.isthmus.schema.site.v1.SiteBookingState;
import io.isthmus.schema.site.v1.SiteReservationStatus;
import io.isthmus.schema.v1.LifecycleState;
import io.isthmus.schema.v1.ReservationState;
import io.isthmus.schema.v1.ReservationSummary;
import jakarta.xml.ws.WebServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 9, scale-out: two broker instances on one PostgreSQL database serve the same federation. Either answers for
 * every reservation; when one is killed with SIGKILL in the middle of a commit, the other takes the reservation over
 * once the dead one's lease has run out and finishes it at every participant.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutSystemIT {

    private static final List<String> SITES = List.of("site-a", "site-b");
    private static final List<String> GATEWAYS = List.of("gw-req", "gw-a", "gw-b");

    private static EmulatedFederation federation;
    private static FederationEndpoints endpoints;
    private static Path killFile;
    private static IsthmusClient first;
    private static IsthmusClient second;

    @BeforeAll
    static void startTwoBrokersOnOneDatabase() {
        federation = ItFederations.startForCrashTests("scaleout-it", 18400, 60);
        endpoints = federation.endpoints();
        killFile = federation.killFile("broker");
        Map<String, String> shared = Map.of(
                "isthmus.db.url", PostgresTestServer.shared().database("isthmus_scale_out"),
                "isthmus.db.user", PostgresTestServer.USER,
                "isthmus.db.password", PostgresTestServer.PASSWORD);
        federation.restartBroker(shared);
        federation.startSecondBroker(shared);
        first = new IsthmusClient(endpoints.brokerSoap(), "scale-out@requester-dc");
        second = new IsthmusClient(new ServicePorts(18400).secondBrokerSoap(), "scale-out@requester-dc");
    }

    @AfterAll
    static void stop() {
        if (federation != null) {
            federation.close();
        }
    }

    @Test
    @Order(1)
    void eitherBrokerAnswersForAReservationTheOtherMade() throws Exception {
        ReservationSummary held = first.reserve(TestVis.split(100));
        String id = held.getReservationId();

        assertEquals(ReservationState.RESERVE_HELD, second.query(id).orElseThrow().getReservationState());
        assertTrue(second.reserveCommit(id).isCommitted());
        assertTrue(first.query(id).orElseThrow().isCommitted());
        assertEquals(LifecycleState.TERMINATED, first.terminate(id).getLifecycleState());
        assertNowhere(id);
    }

    @Test
    @Order(2)
    void aBrokerKilledMidCommitIsFinishedByTheOther() throws Exception {
        String id = first.reserve(TestVis.split(100)).getReservationId();
        ChildProcess dying = federation.child("broker");
        Files.writeString(killFile, "commit.decided");

        assertThrows(WebServiceException.class, () -> first.reserveCommit(id), "the commit dies with its broker");
        Instant deadline = Instant.now().plusSeconds(30);
        while (dying.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertEquals(Optional.of(137), dying.exitCode(), "killed by SIGKILL");

        ReservationSummary committed = await(id, ReservationSummary::isCommitted);
        assertTrue(committed.isCommitted(), "the surviving broker finished the commit: " + committed.getReservationState()
                + " " + committed.getLastError());
        for (String site : SITES) {
            List<SiteReservationStatus> status = siteStatus(endpoints.site(site), id);
            assertEquals(1, status.size(), site);
            assertEquals(SiteBookingState.COMMITTED, status.get(0).getState(), site);
        }
        for (String gateway : GATEWAYS) {
            gatewayStitches(endpoints.gateway(gateway), id)
                    .forEach(s -> assertEquals(StitchState.COMMITTED, s.getState(), gateway));
        }
        assertEquals(LifecycleState.TERMINATED, second.terminate(id).getLifecycleState());
        assertNowhere(id);
    }

    private static ReservationSummary await(String id, Predicate<ReservationSummary> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        ReservationSummary current = second.query(id).orElseThrow();
        while (!done.test(current) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            current = second.query(id).orElseThrow();
        }
        return current;
    }

    private static void assertNowhere(String id) throws Exception {
        for (String site : SITES) {
            assertFalse(siteReservations(endpoints.site(site)).contains(id), site + " still holds " + id);
        }
        for (String gateway : GATEWAYS) {
            assertFalse(gatewayReservations(endpoints.gateway(gateway)).contains(id), gateway + " still holds " + id);
        }
    }
}
