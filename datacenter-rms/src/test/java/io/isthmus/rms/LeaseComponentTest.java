package io.isthmus.rms;

import static io.isthmus.rms.TestSite.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.application.reservation.HoldReaper;
import io.isthmus.rms.application.reservation.PrepareCommand;
import io.isthmus.rms.application.reservation.ReservationView;
import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.placement.InsufficientCapacityException;
import io.isthmus.rms.domain.reservation.BookingState;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.TimeWindow;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.site.HostName;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site does not trust the broker to come back: holds are capped, bookings the broker left past their window
 * are torn down by the site, and they count against capacity until their VMs are really gone.
 */
class LeaseComponentTest {

    private static final Duration GRACE = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final MutableClock clock = new MutableClock(now);
    private final TimeWindow oneHour = new TimeWindow(now, now.plus(Duration.ofHours(1)));
    private RmsComponents site;

    @BeforeEach
    void openSite() {
        Properties p = TestSite.properties(dataDir);
        p.setProperty("site.hold.maxSeconds", "300");
        site = RmsComponents.open(RmsConfig.fromProperties(p), clock);
    }

    @AfterEach
    void closeSite() {
        site.close();
    }

    private PrepareCommand fullA1(ReservationId id, TransactionId tx, TimeWindow window) {
        return new PrepareCommand(id, tx, "acme", window, clock.instant().plus(Duration.ofMinutes(2)),
                List.of(node("big", 8, 65536, true, Optional.of("a1"))));
    }

    private void provisionFullA1(ReservationId id, TransactionId tx) {
        site.holds().prepare(fullA1(id, tx, oneHour));
        site.holds().commit(id, tx);
        site.lifecycle().provision(id, tx);
    }

    private long freeMemoryOnA1(TimeWindow window) {
        return site.capacity().capacity(Optional.of(window)).hosts().get(0).free().memoryMib();
    }

    private Optional<String> domain(ReservationId id) {
        return site.compute().definition(new HostName("a1"), DomainName.of(id, new NodeName("big")));
    }

    private TimeWindow hourFrom(Instant start) {
        return new TimeWindow(start, start.plus(Duration.ofHours(1)));
    }

    @Test
    void aHoldAskedToLastLongerThanTheSiteGrantsIsCappedAndLapsesThen() {
        ReservationId id = TestSite.newReservation();
        TransactionId tx = TestSite.newTransaction();
        PrepareCommand asked = new PrepareCommand(id, tx, "acme", TestSite.window(now), now.plus(Duration.ofHours(1)),
                List.of(node("db-1", 4, 16384, true, Optional.empty())));

        ReservationView held = site.holds().prepare(asked);

        assertEquals(Optional.of(now.plus(Duration.ofSeconds(300))), held.holdExpires(), "capped at 300 s from now");
        assertEquals(held.holdExpires(), site.status().status(id).holdExpires(), "the stored hold is the capped one");
        clock.advance(Duration.ofSeconds(301));
        assertEquals(1, site.holds().reapExpiredHolds(), "the capped hold lapses, not the one the broker asked for");
        assertEquals(BookingState.NONE, site.status().status(id).state());
    }

    @Test
    void aHoldWithinTheLimitKeepsItsExpiry() {
        ReservationId id = TestSite.newReservation();
        ReservationView held = site.holds().prepare(TestSite.prepare(id, TestSite.newTransaction(), now,
                node("db-1", 4, 16384, true, Optional.empty())));
        assertEquals(Optional.of(now.plus(Duration.ofMinutes(2))), held.holdExpires());
    }

    @Test
    void provisionedCommittedAndReleasedBookingsPastWindowAndGraceAreTornDownByTheSite() {
        ReservationId provisioned = TestSite.newReservation();
        TransactionId provisionedTx = TestSite.newTransaction();
        provisionFullA1(provisioned, provisionedTx);
        ReservationId committed = TestSite.newReservation();
        TransactionId committedTx = TestSite.newTransaction();
        site.holds().prepare(new PrepareCommand(committed, committedTx, "acme", oneHour, now.plusSeconds(120),
                List.of(node("small", 1, 1024, false, Optional.of("a2")))));
        site.holds().commit(committed, committedTx);
        ReservationId released = TestSite.newReservation();
        TransactionId releasedTx = TestSite.newTransaction();
        site.holds().prepare(new PrepareCommand(released, releasedTx, "acme", oneHour, now.plusSeconds(120),
                List.of(node("small", 1, 1024, false, Optional.of("a2")))));
        site.holds().commit(released, releasedTx);
        site.lifecycle().provision(released, releasedTx);
        site.lifecycle().release(released, releasedTx);

        clock.advance(Duration.ofHours(1).plus(GRACE).minusSeconds(1));
        assertEquals(0, site.overdue().tearDownOverdue(), "within the grace the broker may still terminate");
        assertEquals(BookingState.PROVISIONED, site.status().status(provisioned).state());
        assertTrue(domain(provisioned).isPresent());

        clock.advance(Duration.ofSeconds(1));
        assertEquals(3, site.overdue().tearDownOverdue());

        assertEquals(Optional.empty(), domain(provisioned), "the site removed the domain itself");
        assertEquals(BookingState.NONE, site.status().status(provisioned).state());
        assertEquals(BookingState.NONE, site.status().status(committed).state());
        assertEquals(BookingState.NONE, site.status().status(released).state());
        site.capacity().capacity(Optional.empty()).hosts()
                .forEach(h -> assertEquals(h.host().total(), h.free(), "host " + h.host().name() + " is free again"));
        assertEquals(BookingState.TERMINATED, site.lifecycle().terminate(provisioned, provisionedTx).state(),
                "a late terminate from the broker still succeeds");
        assertEquals(0, site.overdue().tearDownOverdue(), "nothing left to tear down");
    }

    @Test
    void aHoldIsNeverTornDownAsOverdueOnlyReapedWhenItExpires() {
        ReservationId id = TestSite.newReservation();
        TransactionId tx = TestSite.newTransaction();
        TimeWindow short1 = new TimeWindow(now, now.plusSeconds(10));
        site.holds().prepare(new PrepareCommand(id, tx, "acme", short1, now.plusSeconds(200),
                List.of(node("x", 1, 1024, false, Optional.empty()))));
        clock.advance(Duration.ofSeconds(100));
        assertEquals(0, site.overdue().tearDownOverdue());
        assertEquals(BookingState.HELD, site.status().status(id).state());
    }

    @Test
    void theRunningReaperTearsDownAnOverdueBooking() throws InterruptedException {
        ReservationId id = TestSite.newReservation();
        TransactionId tx = TestSite.newTransaction();
        provisionFullA1(id, tx);
        clock.advance(Duration.ofHours(1).plus(GRACE));

        try (HoldReaper reaper = HoldReaper.start(Duration.ofMillis(20), "site-a", site.sweeps())) {
            BookingState state = BookingState.PROVISIONED;
            for (int i = 0; i < 600 && state != BookingState.NONE; i++) { // bounded: about a minute at most
                Thread.sleep(100);
                state = site.status().status(id).state();
            }
            assertEquals(BookingState.NONE, state, "the reaper tore the overdue booking down");
        }
        assertEquals(Optional.empty(), domain(id));
    }

    @Test
    void aBookingCountsUntilWindowEndPlusGraceAndThenForEveryWindowUntilItIsGone() {
        ReservationId id = TestSite.newReservation();
        TransactionId tx = TestSite.newTransaction();
        provisionFullA1(id, tx);
        Instant end = oneHour.end();

        clock.advance(Duration.ofHours(1).plusSeconds(30));
        assertEquals(0, freeMemoryOnA1(hourFrom(clock.instant())), "its VM may still run during the grace");
        assertEquals(65536, freeMemoryOnA1(hourFrom(end.plus(GRACE))), "it no longer counts after the grace");
        assertThrows(InsufficientCapacityException.class, () -> site.holds().prepare(
                fullA1(TestSite.newReservation(), TestSite.newTransaction(), hourFrom(clock.instant()))),
                "prepare admits by the same rule as the capacity the broker sees");

        clock.advance(Duration.ofMinutes(5)); // past window and grace, not yet torn down: its VM still runs
        TimeWindow later = hourFrom(clock.instant().plus(Duration.ofHours(5)));
        assertEquals(0, freeMemoryOnA1(hourFrom(clock.instant())));
        assertEquals(0, freeMemoryOnA1(later), "a booking still stored counts for every window");
        assertThrows(InsufficientCapacityException.class, () -> site.holds().prepare(
                fullA1(TestSite.newReservation(), TestSite.newTransaction(), later)));
        assertTrue(domain(id).isPresent());

        assertEquals(1, site.overdue().tearDownOverdue());
        assertEquals(65536, freeMemoryOnA1(later), "free once the domain is really gone");
        assertEquals(BookingState.HELD, site.holds().prepare(
                fullA1(TestSite.newReservation(), TestSite.newTransaction(), later)).state());
    }
}
