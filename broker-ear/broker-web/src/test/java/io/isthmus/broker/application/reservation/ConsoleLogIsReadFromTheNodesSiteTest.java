package io.isthmus.broker.application.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.domain.reservation.BrokerException;
import io.isthmus.broker.domain.reservation.FaultKind;
import io.isthmus.broker.domain.reservation.NodeSpec;
import io.isthmus.broker.domain.reservation.NotFoundException;
import io.isthmus.broker.domain.reservation.Participant;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.broker.domain.reservation.ReservationState;
import io.isthmus.broker.domain.reservation.ReservedNode;
import io.isthmus.broker.domain.reservation.ValidationException;
import io.isthmus.broker.domain.site.ConsoleTail;
import io.isthmus.broker.domain.site.HostName;
import io.isthmus.broker.domain.site.SiteId;
import io.isthmus.broker.infrastructure.persistence.PersistenceParts;
import io.isthmus.broker.infrastructure.site.SiteClients;
import io.isthmus.broker.testsupport.TestDatabase;
import io.isthmus.broker.testsupport.ViBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner of a reservation reads an L1 node's serial console through the broker, which asks the site that runs the
 * node. Real parts: the site's RMS (libvirt test driver, console logs as files) over SOAP, the broker's SOAP client of
 * sites, and the broker's own repository on H2; the broker's records are written as reserve would have left them.
 */
class ConsoleLogIsReadFromTheNodesSiteTest {
    private static final Requester OWNER = new Requester("admin@tenant1-dc", UUID.randomUUID().toString());
    private static final Requester OTHER = new Requester("admin@tenant2-dc", UUID.randomUUID().toString());

    @TempDir
    Path dir;
    private OneHostSite site;
    private TestDatabase db;
    private final ReservationId id = ReservationId.random();
    private final String transaction = UUID.randomUUID().toString();

    @BeforeEach
    void provisionAtTheSite() throws Exception {
        site = OneHostSite.start(dir.resolve("site"));
        db = TestDatabase.open(dir.resolve("broker"));
        site.provision(id.value(), transaction, "n-a", "n-b");
        record(id, transaction, site.endpoint(), "n-a", "n-b");
    }

    @AfterEach
    void stop() {
        db.close();
        site.close();
    }

    @Test
    void theOwnerReadsWhatTheNodePrintedFromTheSiteThatRunsIt() throws Exception {
        site.print(id.value(), "n-b", "Booting\r\nISTHMUS-READY n-b nested=svm\r\n");

        NodeConsole console = read(OWNER, id, "n-b", ConsoleService.DEFAULT_MAX_BYTES);

        assertEquals(new NodeConsole(new SiteId(OneHostSite.ID), "n-b",
                new ConsoleTail("Booting\r\nISTHMUS-READY n-b nested=svm\r\n", false)), console);
        assertEquals(new ConsoleTail("", false), read(OWNER, id, "n-a", 100).tail(), "n-a printed nothing yet");
    }

    @Test
    void maxBytesAnswersTheEndOfALongerLogAndSaysItIsTruncated() throws Exception {
        site.print(id.value(), "n-a", "x".repeat(100) + "\u001b[0mlogin: ");

        NodeConsole console = read(OWNER, id, "n-a", 10);

        assertEquals(new ConsoleTail("[0mlogin: ", true), console.tail(), "the last 10 bytes, without the ESC");
    }

    @Test
    void anotherRequestersReservationAnswersExactlyLikeAMissingOne() throws Exception {
        site.print(id.value(), "n-a", "secret\n");
        ReservationId missing = ReservationId.random();

        NotFoundException others = assertThrows(NotFoundException.class, () -> read(OTHER, id, "n-a", 100));
        NotFoundException absent = assertThrows(NotFoundException.class, () -> read(OWNER, missing, "n-a", 100));

        assertEquals(FaultKind.NOT_FOUND, others.kind());
        assertEquals(absent.getMessage().replace(missing.value(), id.value()), others.getMessage());
        assertEquals(absent.details(), others.details());
        assertFalse(others.getMessage().contains("secret"));
        assertFalse(assertThrows(NotFoundException.class, () -> read(OTHER, id, "no-such-node", 100)).getMessage()
                .contains("no-such-node"), "not even whether the node exists is told to another requester");
    }

    @Test
    void aNodeTheReservationDoesNotHaveIsAValidationFaultNamingIt() {
        ValidationException e = assertThrows(ValidationException.class, () -> read(OWNER, id, "db-9", 100));

        assertEquals("reservation " + id + " has no node 'db-9'; its nodes are n-a, n-b", e.getMessage());
        assertEquals(List.of("node: no node 'db-9' in reservation " + id), e.details());
    }

    @Test
    void aSiteThatCannotBeReachedIsUnavailableWithoutItsAddressOrTheConnectionError() {
        ReservationId elsewhere = ReservationId.random();
        URI closed = URI.create("http://127.0.0.1:" + OneHostSite.freePort() + "/rms/SiteRmsService");
        record(elsewhere, UUID.randomUUID().toString(), closed, "n-a");

        BrokerException e = assertThrows(BrokerException.class, () -> read(OWNER, elsewhere, "n-a", 100));

        assertEquals(FaultKind.UNAVAILABLE, e.kind());
        assertEquals("site " + OneHostSite.ID + " cannot be reached (the broker's log has the details)",
                e.getMessage());
        assertFalse(e.getMessage().contains("127.0.0.1") || e.getMessage().contains(Integer.toString(closed.getPort()))
                || e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("refused"), e.getMessage());
    }

    @Test
    void maxBytesOutsideOneToOneMebibyteIsAValidationFault() {
        assertEquals(List.of("maxBytes: must be 1 to 1048576"),
                assertThrows(ValidationException.class, () -> read(OWNER, id, "n-a", 0)).details());
        assertThrows(ValidationException.class, () -> read(OWNER, id, "n-a", 1_048_577));
    }

    private NodeConsole read(Requester who, ReservationId reservation, String node, int maxBytes) {
        return db.inTransaction(em -> {
            ReservationStore store = new ReservationStore();
            store.repository = PersistenceParts.repository(em);
            ConsoleService console = new ConsoleService();
            console.store = store;
            console.sites = SiteClients.soap();
            return console.read(who, reservation, node, maxBytes);
        });
    }

    /** The owner's reservation as reserve records it: its nodes placed on {@code site}'s host, the site a participant. */
    private void record(ReservationId reservation, String tx, URI site, String... nodes) {
        Instant now = Instant.now();
        NodeSpec[] specs = java.util.Arrays.stream(nodes).map(n -> ViBuilder.nestedNode(n, 1, 512, 1))
                .toArray(NodeSpec[]::new);
        Reservation r = new Reservation(reservation, OWNER.requesterId(), UUID.randomUUID().toString(),
                ViBuilder.ofNodes(specs).build(), now);
        r.moveTo(ReservationState.ReserveChecking, now);
        r.beginHold(tx, now.plus(Duration.ofMinutes(2)));
        SiteId at = new SiteId(OneHostSite.ID);
        r.replacePlacement(java.util.Arrays.stream(specs)
                        .map(s -> new ReservedNode(s, at, new HostName(OneHostSite.HOST), List.of())).toList(),
                List.of(), List.of(Participant.site(at, site)));
        db.run(em -> em.persist(r));
    }
}
