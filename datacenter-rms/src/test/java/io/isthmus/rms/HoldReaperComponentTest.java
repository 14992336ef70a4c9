package io.isthmus.rms;

import static io.isthmus.rms.TestSite.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.application.reservation.HoldReaper;
import io.isthmus.rms.domain.reservation.BookingState;
import io.isthmus.rms.domain.reservation.ReservationId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The periodic reaper keeps running after a run fails with an unexpected exception. */
class HoldReaperComponentTest {

    @TempDir
    Path dataDir;
    private final Instant now = Instant.now();
    private final MutableClock clock = new MutableClock(now);
    private final Logger reaperLog = Logger.getLogger(HoldReaper.class.getName());
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private RmsComponents site;

    @BeforeEach
    void openSite() {
        site = RmsComponents.open(TestSite.config(dataDir), clock);
        reaperLog.addHandler(recorder);
    }

    @AfterEach
    void closeSite() {
        reaperLog.removeHandler(recorder);
        site.close();
    }

    @Test
    void aRunThatThrowsIsLoggedWithItsCauseAndALaterRunStillReaps() throws InterruptedException {
        ReservationId id = TestSite.newReservation();
        site.holds().prepare(TestSite.prepare(id, TestSite.newTransaction(), now,
                node("db-1", 4, 16384, true, Optional.empty())));
        clock.advance(Duration.ofMinutes(3));
        AtomicInteger runs = new AtomicInteger();
        HoldReaper.Sweep failingOnce = new HoldReaper.Sweep("released {0} expired hold(s) at {1}", () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("first run fails");
            }
            return site.holds().reapExpiredHolds();
        });

        try (HoldReaper reaper = HoldReaper.start(Duration.ofMillis(20), "site-a", List.of(failingOnce))) {
            BookingState state = BookingState.HELD;
            for (int i = 0; i < 600 && state != BookingState.NONE; i++) { // bounded: about a minute at most
                Thread.sleep(100);
                state = site.status().status(id).state();
            }
            assertEquals(BookingState.NONE, state, "a run after the failed one released the expired hold ("
                    + runs.get() + " run(s))");
        }
        assertTrue(runs.get() >= 2, "the reaper ran again after its first run threw");
        assertTrue(logged.stream().anyMatch(r -> r.getThrown() instanceof IllegalStateException
                && r.getThrown().getMessage().equals("first run fails")), "the failure was logged with its cause");
    }
}
