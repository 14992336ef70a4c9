package io.isthmus.broker.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.domain.placement.InterSiteLink;
import io.isthmus.broker.domain.placement.InterSiteLoad;
import io.isthmus.broker.domain.placement.PlacementRefusedException;
import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.broker.domain.reservation.TimeWindow;
import io.isthmus.broker.testsupport.TestDatabase;
import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's inter-site link calendars in its database: free over a window, booking, release, concurrency. */
class InterSiteLinkCalendarTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final InterSiteLink AB = new InterSiteLink("site-a", "site-b", 1000, 1000, 10);
    private static final InterSiteLink BC = new InterSiteLink("site-b", "site-c", 400, 400, 3.5);

    @TempDir
    Path dir;
    private TestDatabase db;

    @BeforeEach
    void open() {
        db = TestDatabase.open(dir);
        db.run(em -> bookings(em).seed(List.of(AB, BC)));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static JpaInterSiteBookings bookings(EntityManager em) {
        JpaInterSiteBookings b = new JpaInterSiteBookings();
        b.em = em;
        return b;
    }

    private static TimeWindow hours(int from, int to) {
        return new TimeWindow(T0.plusSeconds(3600L * from), T0.plusSeconds(3600L * to));
    }

    private long free(String a, String b, TimeWindow w) {
        return db.inTransaction(em -> bookings(em).links(w)).stream().filter(l -> l.joins(a, b)).findFirst()
                .orElseThrow().freeMbps();
    }

    private void book(ReservationId owner, TimeWindow w, long mbps) {
        db.run(em -> bookings(em).book(owner, w, List.of(new InterSiteLoad("site-b", "site-a", mbps))));
    }

    @Test
    void everyConfiguredLinkIsOfferedWithItsLatencyAndAllItsCapacityWhenNothingIsBooked() {
        List<InterSiteLink> links = db.inTransaction(em -> bookings(em).links(hours(0, 1)));
        assertEquals(List.of(AB, BC), links);
    }

    @Test
    void freeIsTheLeastFreeAtAnyInstantOfTheWindowCountingOnlyOverlappingBookings() {
        book(ReservationId.random(), hours(0, 2), 300);
        book(ReservationId.random(), hours(1, 3), 500);
        book(ReservationId.random(), hours(5, 6), 900);

        assertEquals(700, free("site-a", "site-b", hours(0, 1)), "only the first booking at 00:00-01:00");
        assertEquals(200, free("site-a", "site-b", hours(0, 3)), "both overlap at 01:00-02:00");
        assertEquals(500, free("site-a", "site-b", hours(2, 4)), "the first ended at 02:00");
        assertEquals(1000, free("site-a", "site-b", hours(3, 5)), "half-open windows: 03:00 and 05:00 are free");
        assertEquals(400, free("site-b", "site-c", hours(0, 6)), "another link is untouched");
    }

    @Test
    void aBookingBeyondWhatIsFreeIsRefusedWithTheNumbersAndLeavesNothing() {
        book(ReservationId.random(), hours(0, 2), 800);

        var e = assertThrows(PlacementRefusedException.class, () -> book(ReservationId.random(), hours(1, 2), 300));

        assertEquals("inter-site link site-a↔site-b now has 200 Mbit/s free during the window (another reservation"
                + " booked it meanwhile); this placement needs 300 Mbit/s: reserve again", e.getMessage());
        assertEquals(200, free("site-a", "site-b", hours(0, 2)));
    }

    @Test
    void releasingAReservationFreesItsIntervals() {
        ReservationId owner = ReservationId.random();
        book(owner, hours(0, 2), 600);
        book(ReservationId.random(), hours(0, 2), 100);
        assertEquals(300, free("site-a", "site-b", hours(0, 2)));

        db.run(em -> {
            JpaAddressAllocator allocator = new JpaAddressAllocator();
            allocator.em = em;
            allocator.releaseAll(owner);
        });

        assertEquals(900, free("site-a", "site-b", hours(0, 2)));
    }

    @Test
    void loadsBetweenSitesWithoutAConfiguredLinkAreNotBooked() {
        db.run(em -> bookings(em).book(ReservationId.random(), hours(0, 1),
                List.of(new InterSiteLoad("site-a", "site-c", 5000))));
        assertEquals(List.of(AB, BC), db.inTransaction(em -> bookings(em).links(hours(0, 1))));
    }

    @Test
    void aRestartWithANewConfigurationKeepsBookingsAndTakesTheNewCapacity() {
        book(ReservationId.random(), hours(0, 1), 600);
        db.run(em -> bookings(em).seed(List.of(new InterSiteLink("site-a", "site-b", 2000, 2000, 12))));

        InterSiteLink ab = db.inTransaction(em -> bookings(em).links(hours(0, 1))).get(0);
        assertEquals(new InterSiteLink("site-a", "site-b", 2000, 1400, 12), ab);
    }

    @Test
    void concurrentBookingsNeverOverbookALink() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        book(ReservationId.random(), hours(0, 1), 300);
                        return true;
                    } catch (PlacementRefusedException refused) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int booked = 0;
            for (Future<Boolean> f : results) {
                booked += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(3, booked, "1000 Mbit/s holds three bookings of 300");
            assertEquals(100, free("site-a", "site-b", hours(0, 1)));
        } finally {
            pool.shutdownNow();
        }
    }
}
