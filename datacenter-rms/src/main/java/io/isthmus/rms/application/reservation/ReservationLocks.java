package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.reservation.ReservationId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises work on one reservation (so a repeated call sees the first one's result), and
 * serialises allocation across the site (so two prepares never book the same free capacity).
 */
public final class ReservationLocks {

    private final ConcurrentHashMap<ReservationId, ReentrantLock> perReservation = new ConcurrentHashMap<>();
    private final ReentrantLock allocation = new ReentrantLock();

    public <T> T onReservation(ReservationId id, Supplier<T> work) {
        return locked(perReservation.computeIfAbsent(id, k -> new ReentrantLock()), work);
    }

    public <T> T onAllocation(Supplier<T> work) {
        return locked(allocation, work);
    }

    private static <T> T locked(ReentrantLock lock, Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
