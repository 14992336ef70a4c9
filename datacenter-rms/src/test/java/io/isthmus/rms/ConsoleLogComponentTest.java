package io.isthmus.rms;

import static io.isthmus.rms.TestSite.nic;
import static io.isthmus.rms.TestSite.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.application.reservation.ConsoleView;
import io.isthmus.rms.domain.compute.ConsoleBytes;
import io.isthmus.rms.domain.compute.ConsoleTail;
import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.NodeNotFoundException;
import io.isthmus.rms.domain.reservation.ReservationConflictException;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.ReservationNotFoundException;
import io.isthmus.rms.domain.reservation.TransactionId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end of a node's serial console log, read the way the broker asks for it: a two-host test-driver site whose
 * per-VM storage keeps each VM's console log as a real file, which the test appends to as virtlogd would.
 */
class ConsoleLogComponentTest {

    @TempDir
    Path dataDir;
    private RmsComponents site;
    private final Instant now = Instant.now();
    private final ReservationId id = TestSite.newReservation();
    private final TransactionId tx = TestSite.newTransaction();

    @BeforeEach
    void openSite() {
        site = RmsComponents.open(TestSite.config(dataDir), new MutableClock(now));
        site.holds().prepare(TestSite.prepare(id, tx, now,
                node("hv-1", 2, 4096, true, Optional.of("a1"), nic("lan", 5001, "52:54:00:cc:00:01")),
                node("web-1", 2, 4096, false, Optional.of("a2"), nic("lan", 5001, "52:54:00:cc:00:02"))));
        site.holds().commit(id, tx);
    }

    @AfterEach
    void closeSite() {
        site.close();
    }

    @Test
    void theOwnerReadsWhatTheGuestPrintedOnItsHost() throws IOException {
        site.lifecycle().provision(id, tx);
        print("a2", "web-1", "Linux version 6.1\r\nISTHMUS-READY web-1 nested=none\r\n");

        ConsoleView view = read("web-1", ConsoleBytes.DEFAULT);

        assertEquals(new ConsoleTail("Linux version 6.1\r\nISTHMUS-READY web-1 nested=none\r\n", false), view.tail());
        assertEquals("a2", view.host().value());
        assertEquals(DomainName.of(id, new NodeName("web-1")), view.domain());
        assertEquals("", read("hv-1", ConsoleBytes.DEFAULT).tail().text(), "hv-1 printed nothing yet");
    }

    @Test
    void aLogLongerThanMaxBytesAnswersItsLastBytesAndSaysItIsTruncated() throws IOException {
        site.lifecycle().provision(id, tx);
        print("a1", "hv-1", "0123456789".repeat(3) + "tail-line\n");

        assertEquals(new ConsoleTail("ail-line\n", true), read("hv-1", new ConsoleBytes(9)).tail());
        assertEquals(new ConsoleTail("tail-line\n", true), read("hv-1", new ConsoleBytes(10)).tail(),
                "30 bytes come before the last 10");
        assertFalse(read("hv-1", new ConsoleBytes(40)).tail().truncated(), "the log is exactly 40 bytes");
        assertTrue(read("hv-1", new ConsoleBytes(39)).tail().truncated());
    }

    @Test
    void escapeSequencesAndControlCharactersArriveWithoutWhatXmlForbids() throws IOException {
        site.lifecycle().provision(id, tx);
        print("a1", "hv-1", "\u001b[0;32m  OK  \u001b[0m Reached target\u0007 Multi-User\u0000\n");

        assertEquals("[0;32m  OK  [0m Reached target Multi-User\n", read("hv-1", ConsoleBytes.DEFAULT).tail().text());
    }

    @Test
    void aNodeWithoutAConsoleLogYetAnswersAnEmptyLogNotTruncated() {
        ConsoleView committedOnly = read("hv-1", ConsoleBytes.DEFAULT);

        assertEquals(ConsoleTail.NONE, committedOnly.tail());
        assertEquals("a1", committedOnly.host().value());
    }

    @Test
    void aNodeTheBookingDoesNotHaveIsNotFoundAndTheMessageListsItsNodes() {
        NodeNotFoundException e = assertThrows(NodeNotFoundException.class, () -> read("db-1", ConsoleBytes.DEFAULT));

        assertEquals("reservation " + id + " has no node db-1 at site site-a; its nodes here are hv-1, web-1",
                e.getMessage());
    }

    @Test
    void aReservationTheSiteDoesNotHoldIsNotFound() {
        ReservationId unknown = TestSite.newReservation();
        ReservationNotFoundException e = assertThrows(ReservationNotFoundException.class, () -> site.console()
                .console(unknown, tx, new NodeName("hv-1"), ConsoleBytes.DEFAULT));

        assertTrue(e.getMessage().startsWith("site site-a has no booking for reservation " + unknown), e.getMessage());
    }

    @Test
    void anotherTransactionIsAConflictAndReadsNothing() throws IOException {
        site.lifecycle().provision(id, tx);
        print("a1", "hv-1", "secret\n");
        TransactionId other = TestSite.newTransaction();

        ReservationConflictException e = assertThrows(ReservationConflictException.class, () -> site.console()
                .console(id, other, new NodeName("hv-1"), ConsoleBytes.DEFAULT));

        assertTrue(e.getMessage().endsWith("not " + other + "; read its console log with the transaction that"
                + " prepared it"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"));
    }

    private ConsoleView read(String node, ConsoleBytes limit) {
        return site.console().console(id, tx, new NodeName(node), limit);
    }

    /** Appends to the VM's console log file, as virtlogd does with what the guest writes to its serial port. */
    private void print(String host, String node, String text) throws IOException {
        Path log = dataDir.resolve("instances").resolve(host).resolve(DomainName.of(id, new NodeName(node)).value())
                .resolve("console.log");
        assertTrue(Files.exists(log), "provision created the console log " + log);
        Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
