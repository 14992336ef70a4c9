package io.isthmus.rms.application.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.isthmus.rms.domain.reservation.ReservationId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Per-reservation locks: calls on one reservation never overlap, and no lock outlives its last user. */
class ReservationLocksTest {

    private final ReservationLocks locks = new ReservationLocks();

    private static ReservationId newReservation() {
        return new ReservationId(UUID.randomUUID().toString());
    }

    @Test
    void afterManyReservationsNoLockIsLeft() {
        for (int i = 0; i < 10_000; i++) {
            ReservationId id = newReservation();
            int call = i;
            assertEquals(call, locks.onReservation(id, () -> locks.onReservation(id, () -> call)),
                    "a nested call on the same reservation runs (the lock is re-entrant)");
        }
        assertEquals(0, locks.size());
    }

    @Test
    void aLockIsDroppedEvenWhenTheWorkFails() {
        ReservationId id = newReservation();
        try {
            locks.onReservation(id, () -> {
                throw new IllegalStateException("work failed");
            });
        } catch (IllegalStateException expected) {
            assertEquals("work failed", expected.getMessage());
        }
        assertEquals(0, locks.size());
    }

    @Test
    void concurrentCallsOnOneReservationAreSerialisedAndLeaveNoLockBehind()
            throws InterruptedException, ExecutionException {
        List<ReservationId> ids = List.of(newReservation(), newReservation(), newReservation());
        List<AtomicInteger> inside = List.of(new AtomicInteger(), new AtomicInteger(), new AtomicInteger());
        List<AtomicInteger> counters = List.of(new AtomicInteger(), new AtomicInteger(), new AtomicInteger());
        AtomicInteger overlaps = new AtomicInteger();
        int callsPerThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < callsPerThread; i++) {
                        int which = i % ids.size();
                        locks.onReservation(ids.get(which), () -> {
                            if (inside.get(which).incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            // a non-atomic read-modify-write: lost updates would show if calls overlapped
                            int seen = counters.get(which).get();
                            Thread.yield();
                            counters.get(which).set(seen + 1);
                            inside.get(which).decrementAndGet();
                            return null;
                        });
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, overlaps.get(), "two calls on one reservation ran at the same time");
        assertEquals(6 * callsPerThread, counters.stream().mapToInt(AtomicInteger::get).sum(),
                "every call ran once, none lost an update");
        assertEquals(0, locks.size());
    }
}
