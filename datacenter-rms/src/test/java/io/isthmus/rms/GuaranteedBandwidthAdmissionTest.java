package io.isthmus.rms;

import static io.isthmus.rms.TestSite.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.isthmus.rms.application.reservation.PrepareCommand;
import io.isthmus.rms.application.reservation.ReservationView;
import io.isthmus.rms.domain.placement.InsufficientCapacityException;
import io.isthmus.rms.domain.reservation.BookingState;
import io.isthmus.rms.domain.reservation.NicQos;
import io.isthmus.rms.domain.reservation.NicSpec;
import io.isthmus.rms.domain.reservation.NodeSpec;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.TimeWindow;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.segment.Vni;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The minimum bandwidth the NIC contracts of a host's nodes guarantee is admitted against the host's link at prepare,
 * in the H2 file database, on a site without data plane (it shapes nothing, but the promise is still its own).
 * Both hosts have a 1,000 Mbit/s link.
 */
class GuaranteedBandwidthAdmissionTest {

    @TempDir
    Path dataDir;
    private final Instant now = Instant.now();
    private final MutableClock clock = new MutableClock(now);
    private final AtomicInteger macs = new AtomicInteger();
    private RmsComponents site;

    @BeforeEach
    void openSite() {
        Properties p = TestSite.properties(dataDir);
        p.setProperty("host.a1.linkMbps", "1000");
        p.setProperty("host.a2.linkMbps", "1000");
        site = RmsComponents.open(RmsConfig.fromProperties(p), clock);
    }

    @AfterEach
    void closeSite() {
        site.close();
    }

    private NicSpec guaranteed(int minMbps) {
        int n = macs.incrementAndGet();
        MacAddress mac = new MacAddress(String.format("52:54:00:00:%02x:%02x", n / 256, n % 256));
        return new NicSpec("lan", new Vni(100), mac, Optional.empty(), NicSpec.DEFAULT_PREFIX_LENGTH,
                Optional.of(new NicQos(2, minMbps, OptionalInt.empty(), OptionalInt.empty())));
    }

    private NicSpec unguaranteed() {
        int n = macs.incrementAndGet();
        return TestSite.nic("lan", 100, String.format("52:54:00:01:%02x:%02x", n / 256, n % 256));
    }

    private NodeSpec vm(String name, String host, NicSpec... nics) {
        return node(name, 1, 1024, false, Optional.ofNullable(host), nics);
    }

    private PrepareCommand prepare(ReservationId id, TimeWindow window, NodeSpec... nodes) {
        return new PrepareCommand(id, TestSite.newTransaction(), "acme", window, clock.instant().plusSeconds(120),
                List.of(nodes));
    }

    private ReservationView prepare(ReservationId id, NodeSpec... nodes) {
        return site.holds().prepare(prepare(id, TestSite.window(now), nodes));
    }

    private TimeWindow hours(int from, int to) {
        return new TimeWindow(now.plus(Duration.ofHours(from)), now.plus(Duration.ofHours(to)));
    }

    private long freeGuaranteed(String host, TimeWindow window) {
        return site.capacity().capacity(Optional.of(window)).hosts().stream()
                .filter(h -> h.host().name().value().equals(host)).mapToLong(h -> h.free().guaranteedMbps())
                .findFirst().orElseThrow();
    }

    private long freeGuaranteed(String host) {
        return freeGuaranteed(host, TestSite.window(now));
    }

    @Test
    void guaranteesThatFitAreHeldAndOneBeyondTheLinkIsRefusedWithTheNumbersAndNothingHeld() {
        prepare(TestSite.newReservation(), vm("vm-a", "a1", guaranteed(400), unguaranteed()));
        prepare(TestSite.newReservation(), vm("vm-b", "a1", guaranteed(300), guaranteed(100)));
        assertEquals(200, freeGuaranteed("a1"), "400 + 300 + 100 of 1,000 guaranteed; the NIC without qos counts 0");

        ReservationId third = TestSite.newReservation();
        InsufficientCapacityException e = assertThrows(InsufficientCapacityException.class, () -> prepare(third,
                vm("vm-c", "a2", guaranteed(600)), vm("vm-d", "a1", guaranteed(250))));
        assertEquals("host a1 at site-a guarantees 800 of its 1,000 Mbit/s during the window "
                + TestSite.window(now) + "; node vm-d needs 250 Mbit/s more (200 left)", e.getMessage());
        assertEquals(BookingState.NONE, site.status().status(third).state());
        assertEquals(200, freeGuaranteed("a1"));
        assertEquals(1000, freeGuaranteed("a2"), "vm-c, which did fit, was not held either");
        assertEquals(2, site.status().statusOfAll().size());
    }

    @Test
    void guaranteesOfOneReservationOnOneHostAddUp() {
        ReservationId id = TestSite.newReservation();
        InsufficientCapacityException e = assertThrows(InsufficientCapacityException.class,
                () -> prepare(id, vm("vm-a", "a1", guaranteed(600)), vm("vm-b", "a1", guaranteed(600))));
        assertEquals("host a1 at site-a guarantees 600 of its 1,000 Mbit/s during the window "
                + TestSite.window(now) + "; node vm-b needs 600 Mbit/s more (400 left)", e.getMessage());
        assertEquals(BookingState.NONE, site.status().status(id).state());
        assertEquals(1000, freeGuaranteed("a1"));
    }

    /** From hour {@code from} to the teardown grace (60 s by default) before hour {@code to}. */
    private TimeWindow hoursAndGrace(int from, int to) {
        return new TimeWindow(now.plus(Duration.ofHours(from)), now.plus(Duration.ofHours(to)).minusSeconds(60));
    }

    @Test
    void onlyReservationsWhoseWindowsAndGraceOverlapShareTheLink() {
        // a booking counts until its window end plus the teardown grace: its VMs may run until the site tears it down
        site.holds().prepare(prepare(TestSite.newReservation(), hoursAndGrace(0, 2),
                vm("early", "a1", guaranteed(800))));
        site.holds().prepare(prepare(TestSite.newReservation(), hoursAndGrace(2, 4),
                vm("late", "a1", guaranteed(800))));
        site.holds().prepare(prepare(TestSite.newReservation(), hoursAndGrace(4, 6),
                vm("last", "a1", guaranteed(1000))));
        TimeWindow inLastsGrace = new TimeWindow(now.plus(Duration.ofHours(6)).minusSeconds(30),
                now.plus(Duration.ofHours(8)));
        assertThrows(InsufficientCapacityException.class, () -> site.holds().prepare(prepare(
                TestSite.newReservation(), inLastsGrace, vm("in-grace", "a1", guaranteed(1)))));

        InsufficientCapacityException e = assertThrows(InsufficientCapacityException.class,
                () -> site.holds().prepare(prepare(TestSite.newReservation(), hours(1, 3),
                        vm("across", "a1", guaranteed(300)))));
        assertEquals("host a1 at site-a guarantees 800 of its 1,000 Mbit/s during the window " + hours(1, 3)
                + "; node across needs 300 Mbit/s more (200 left)", e.getMessage());
        assertEquals(200, freeGuaranteed("a1", hours(1, 3)));
        assertEquals(1000, freeGuaranteed("a1", hours(6, 8)));
    }

    @Test
    void withoutARequestedHostTheSiteChoosesAHostThatCanStillGuarantee() {
        site.holds().prepare(prepare(TestSite.newReservation(), TestSite.window(now),
                node("big", 2, 61440, false, Optional.of("a1"), guaranteed(900))));

        ReservationView placed = prepare(TestSite.newReservation(),
                node("small", 1, 2048, false, Optional.empty(), guaranteed(500)));
        assertEquals("a2", placed.nodes().get(0).host().value(),
                "a1 keeps less memory free (best fit) but has only 100 Mbit/s left to guarantee");
        ReservationView fits = prepare(TestSite.newReservation(),
                node("tiny", 1, 2048, false, Optional.empty(), guaranteed(100)));
        assertEquals("a1", fits.nodes().get(0).host().value(), "100 Mbit/s still fit on a1, the best fit by memory");
        assertEquals(0, freeGuaranteed("a1"));
        assertEquals(500, freeGuaranteed("a2"));
    }

    @Test
    void concurrentPreparesCannotBothTakeTheLastMegabits() throws InterruptedException, ExecutionException,
            TimeoutException {
        int attempts = 12;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                NodeSpec node = vm("n", null, guaranteed(250));
                Callable<Boolean> attempt = () -> {
                    try {
                        prepare(TestSite.newReservation(), node);
                        return true;
                    } catch (InsufficientCapacityException e) {
                        return false;
                    }
                };
                results.add(pool.submit(attempt));
            }
            int held = 0;
            for (Future<Boolean> result : results) {
                held += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            // cores and memory would take all twelve; each 1,000 Mbit/s link guarantees four times 250
            assertEquals(8, held);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, freeGuaranteed("a1"));
        assertEquals(0, freeGuaranteed("a2"));
        assertEquals(8, site.status().statusOfAll().size());
    }

    @Test
    void abortedTerminatedAndExpiredReservationsGiveTheirGuaranteeBack() {
        ReservationId aborted = TestSite.newReservation();
        PrepareCommand abortedHold = prepare(aborted, TestSite.window(now), vm("vm-1", "a1", guaranteed(1000)));
        site.holds().prepare(abortedHold);
        assertThrows(InsufficientCapacityException.class,
                () -> prepare(TestSite.newReservation(), vm("vm-2", "a1", guaranteed(1))));
        site.lifecycle().abort(aborted, abortedHold.transaction());
        assertEquals(1000, freeGuaranteed("a1"), "the aborted hold was released");

        ReservationId terminated = TestSite.newReservation();
        TransactionId tx = TestSite.newTransaction();
        site.holds().prepare(new PrepareCommand(terminated, tx, "acme", TestSite.window(now),
                now.plus(Duration.ofMinutes(2)), List.of(vm("vm-2", "a1", guaranteed(1000)))));
        site.holds().commit(terminated, tx);
        assertEquals(0, freeGuaranteed("a1"));
        site.lifecycle().terminate(terminated, tx);
        assertEquals(1000, freeGuaranteed("a1"), "the terminated reservation's guarantee is free again");

        ReservationId expired = TestSite.newReservation();
        prepare(expired, vm("vm-3", "a1", guaranteed(1000)));
        clock.advance(Duration.ofMinutes(3));
        ReservationView after = prepare(TestSite.newReservation(), vm("vm-4", "a1", guaranteed(1000)));
        assertEquals(BookingState.HELD, after.state(), "the expired hold no longer guarantees, even before reaping");
        assertEquals(1, site.holds().reapExpiredHolds());
        assertEquals(BookingState.NONE, site.status().status(expired).state());
    }

    @Test
    void aReleasedReservationKeepsItsGuaranteeLikeItsCoresAndMemoryUntilItIsTerminated() {
        ReservationId id = TestSite.newReservation();
        TransactionId tx = TestSite.newTransaction();
        site.holds().prepare(new PrepareCommand(id, tx, "acme", TestSite.window(now),
                now.plus(Duration.ofMinutes(2)), List.of(vm("vm-1", "a1", guaranteed(700)))));
        site.holds().commit(id, tx);
        assertEquals(BookingState.PROVISIONED, site.lifecycle().provision(id, tx).state());
        assertEquals(BookingState.RELEASED, site.lifecycle().release(id, tx).state());

        assertThrows(InsufficientCapacityException.class,
                () -> prepare(TestSite.newReservation(), vm("vm-2", "a1", guaranteed(400))));
        assertEquals(300, freeGuaranteed("a1"), "it may be provisioned again within its window");
    }
}
