package io.isthmus.rms;

import static io.isthmus.rms.TestSite.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.application.reservation.PrepareCommand;
import io.isthmus.rms.application.reservation.ReservationView;
import io.isthmus.rms.application.site.HostAvailability;
import io.isthmus.rms.domain.placement.InsufficientCapacityException;
import io.isthmus.rms.domain.reservation.BookingState;
import io.isthmus.rms.domain.reservation.ReservationConflictException;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.ReservationNotFoundException;
import io.isthmus.rms.domain.reservation.TimeWindow;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.site.InvalidRequestException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Durable holds in the H2 file database: capacity, idempotency, concurrency, expiry and restart. */
class HoldComponentTest {

    @TempDir
    Path dataDir;
    private final Instant now = Instant.now();
    private final MutableClock clock = new MutableClock(now);
    private RmsComponents site;

    @BeforeEach
    void openSite() {
        site = RmsComponents.open(TestSite.config(dataDir), clock);
    }

    @AfterEach
    void closeSite() {
        site.close();
    }

    private long freeMemory(String host) {
        return site.capacity().capacity(Optional.of(TestSite.window(now))).hosts().stream()
                .filter(h -> h.host().name().value().equals(host)).mapToLong(h -> h.free().memoryMib())
                .findFirst().orElseThrow();
    }

    @Test
    void aHoldReducesCapacityDuringItsWindowOnly() {
        site.holds().prepare(TestSite.prepare(TestSite.newReservation(), TestSite.newTransaction(), now,
                node("db-1", 4, 32768, true, Optional.empty())));
        assertEquals(65536 - 32768, freeMemory("a1"));
        TimeWindow later = new TimeWindow(now.plus(Duration.ofHours(3)), now.plus(Duration.ofHours(4)));
        assertEquals(65536, site.capacity().capacity(Optional.of(later)).hosts().get(0).free().memoryMib());
        assertEquals("gw-a", site.capacity().capacity(Optional.empty()).site().gatewayId());
    }

    @Test
    void beyondCapacityIsRefusedWithNumbersAndNothingIsHeld() {
        ReservationId id = TestSite.newReservation();
        InsufficientCapacityException e = assertThrows(InsufficientCapacityException.class,
                () -> site.holds().prepare(TestSite.prepare(id, TestSite.newTransaction(), now,
                        node("small", 1, 1024, false, Optional.empty()),
                        node("db-1", 4, 131072, true, Optional.empty()))));
        assertTrue(e.getMessage().startsWith("node db-1 needs 128 GiB memory; the largest free host at site-a"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("has 64 GiB"), e.getMessage());
        assertEquals(BookingState.NONE, site.status().status(id).state());
        assertEquals(65536, freeMemory("a1"));
        assertEquals(32768, freeMemory("a2"), "the node that did fit was not held either");
    }

    @Test
    void prepareAndCommitTwiceHaveTheEffectOfOnce() {
        ReservationId id = TestSite.newReservation();
        TransactionId tx = TestSite.newTransaction();
        PrepareCommand command = TestSite.prepare(id, tx, now, node("db-1", 4, 16384, true, Optional.empty()));
        ReservationView first = site.holds().prepare(command);
        ReservationView second = site.holds().prepare(command);

        assertEquals(first, second);
        assertEquals(65536 - 16384, freeMemory("a1"), "one hold, not two");
        assertEquals(BookingState.COMMITTED, site.holds().commit(id, tx).state());
        assertEquals(BookingState.COMMITTED, site.holds().commit(id, tx).state());
        assertEquals(Optional.empty(), site.status().status(id).holdExpires(), "a committed booking never expires");
        assertThrows(ReservationConflictException.class, () -> site.holds().prepare(
                TestSite.prepare(id, TestSite.newTransaction(), now, node("db-1", 4, 16384, true, Optional.empty()))));
    }

    @Test
    void commitOfSomethingNeverPreparedIsNotFound() {
        ReservationNotFoundException e = assertThrows(ReservationNotFoundException.class,
                () -> site.holds().commit(TestSite.newReservation(), TestSite.newTransaction()));
        assertTrue(e.getMessage().contains("prepare it again"), e.getMessage());
    }

    @Test
    void invalidRequestsAreRefusedBeforeAnythingIsHeld() {
        ReservationId id = TestSite.newReservation();
        assertEquals("node.host", assertThrows(InvalidRequestException.class, () -> site.holds().prepare(
                TestSite.prepare(id, TestSite.newTransaction(), now, node("x", 1, 1024, false, Optional.of("zz")))))
                .field());
        PrepareCommand expired = new PrepareCommand(id, TestSite.newTransaction(), "acme", TestSite.window(now),
                now.minusSeconds(1), List.of(node("x", 1, 1024, false, Optional.empty())));
        assertEquals("holdExpires", assertThrows(InvalidRequestException.class,
                () -> site.holds().prepare(expired)).field());
        assertEquals(BookingState.NONE, site.status().status(id).state());
    }

    @Test
    void concurrentPreparesNeverOverCommitAHost() throws InterruptedException, ExecutionException {
        int attempts = 12;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                Callable<Boolean> prepare = () -> {
                    try {
                        site.holds().prepare(TestSite.prepare(TestSite.newReservation(), TestSite.newTransaction(),
                                now, node("n", 2, 12288, false, Optional.empty())));
                        return true;
                    } catch (InsufficientCapacityException e) {
                        return false;
                    }
                };
                results.add(pool.submit(prepare));
            }
            int held = 0;
            for (Future<Boolean> result : results) {
                held += result.get() ? 1 : 0;
            }
            // a1 fits five 12 GiB nodes (60 of 64 GiB), a2 fits two (24 of 32 GiB)
            assertEquals(7, held);
        } finally {
            pool.shutdownNow();
        }
        for (HostAvailability host : site.capacity().capacity(Optional.of(TestSite.window(now))).hosts()) {
            assertTrue(host.free().memoryMib() >= 0 && host.free().memoryMib() < 12288,
                    host.host().name() + " is full but not over-committed: " + host.free());
        }
        assertEquals(7, site.status().statusOfAll().size());
    }

    @Test
    void aHoldPastItsExpiryIsReapedAndItsCapacityFreed() {
        ReservationId id = TestSite.newReservation();
        TransactionId tx = TestSite.newTransaction();
        site.holds().prepare(TestSite.prepare(id, tx, now, node("db-1", 4, 16384, true, Optional.empty())));
        assertEquals(0, site.holds().reapExpiredHolds(), "not expired yet");

        clock.advance(Duration.ofMinutes(3));
        assertEquals(1, site.holds().reapExpiredHolds());
        assertEquals(BookingState.NONE, site.status().status(id).state());
        assertEquals(65536, freeMemory("a1"));
        assertThrows(ReservationNotFoundException.class, () -> site.holds().commit(id, tx));
    }

    @Test
    void anExpiredButNotYetReapedHoldNoLongerTakesCapacityNorCommits() {
        ReservationId id = TestSite.newReservation();
        TransactionId tx = TestSite.newTransaction();
        site.holds().prepare(TestSite.prepare(id, tx, now, node("db-1", 4, 65536, true, Optional.empty())));
        clock.advance(Duration.ofMinutes(3));
        assertEquals(65536, freeMemory("a1"));
        assertThrows(ReservationNotFoundException.class, () -> site.holds().commit(id, tx));
        assertEquals(BookingState.NONE, site.status().status(id).state());
    }

    @Test
    void holdsSurviveARestartOnTheSameDataDir() {
        ReservationId held = TestSite.newReservation();
        ReservationId committed = TestSite.newReservation();
        TransactionId tx = TestSite.newTransaction();
        site.holds().prepare(TestSite.prepare(held, TestSite.newTransaction(), now,
                node("a", 2, 8192, true, Optional.empty(), TestSite.nic("lan", 7, "52:54:00:00:07:01"))));
        site.holds().prepare(TestSite.prepare(committed, tx, now, node("b", 2, 8192, false, Optional.of("a2"))));
        site.holds().commit(committed, tx);
        site.close();

        site = RmsComponents.open(TestSite.config(dataDir), clock);

        assertEquals(65536 - 8192, freeMemory("a1"));
        assertEquals(32768 - 8192, freeMemory("a2"));
        ReservationView heldView = site.status().status(held);
        assertEquals(BookingState.HELD, heldView.state());
        assertEquals("52:54:00:00:07:01", heldView.nodes().get(0).macs().get(0).value());
        assertEquals(BookingState.COMMITTED, site.status().status(committed).state());
        assertEquals(BookingState.PROVISIONED, site.lifecycle().provision(committed, tx).state());
    }
}
