package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.reservation.ReservationId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises work on one reservation (so a repeated call sees the first one's result), and
 * serialises allocation across the site (so two prepares never book the same free capacity).
 * A reservation's lock lives only while some thread holds or waits for it, so the map stays as
 * small as the number of reservations being worked on right now.
 */
public final class ReservationLocks {

    private final ConcurrentHashMap<ReservationId, CountedLock> perReservation = new ConcurrentHashMap<>();
    private final ReentrantLock allocation = new ReentrantLock();

    public <T> T onReservation(ReservationId id, Supplier<T> work) {
        // compute/computeIfPresent run atomically per key: a lock is never dropped while another thread
        // has registered for it, and a thread never registers for a lock that was already dropped.
        CountedLock lock = perReservation.compute(id, (k, existing) -> (existing == null ? new CountedLock()
                : existing).register());
        try {
            return locked(lock.lock, work);
        } finally {
            perReservation.computeIfPresent(id, (k, existing) -> existing.unregister());
        }
    }

    public <T> T onAllocation(Supplier<T> work) {
        return locked(allocation, work);
    }

    /** How many reservations have a lock right now (held or waited for). */
    int size() {
        return perReservation.size();
    }

    private static <T> T locked(ReentrantLock lock, Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** A lock and how many threads hold or wait for it; changed only inside the map's atomic updates. */
    private static final class CountedLock {

        private final ReentrantLock lock = new ReentrantLock();
        private int users;

        CountedLock register() {
            users++;
            return this;
        }

        /** This lock while others still use it; null (removing it from the map) once nobody does. */
        CountedLock unregister() {
            users--;
            return users == 0 ? null : this;
        }
    }
}
