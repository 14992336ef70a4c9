package io.isthmus.broker.domain.calendar;

import io.isthmus.broker.domain.reservation.TimeWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The bookings of one resource with a fixed capacity (a host's cores, an inter-site link's Mbit/s) over time.
 * Usage only rises where a booking starts, so the peak over a window is found at the window's start or at a
 * booking start inside it. Held and committed bookings count alike; releasing an owner frees its intervals.
 */
public final class CapacityCalendar {
    private final long capacity;
    private final List<Booking> bookings = new ArrayList<>();

    /** {@code amount} booked by {@code owner} over {@code [window.start, window.end)}. */
    public record Booking(String owner, TimeWindow window, long amount) {
        public Booking {
            Objects.requireNonNull(owner, "owner");
            if (amount < 0) {
                throw new IllegalArgumentException("a booking is >= 0, not " + amount);
            }
        }

        boolean covers(Instant t) {
            return !t.isBefore(window.start()) && t.isBefore(window.end());
        }

        boolean overlaps(TimeWindow w) {
            return window.start().isBefore(w.end()) && w.start().isBefore(window.end());
        }
    }

    public CapacityCalendar(long capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, not " + capacity);
        }
        this.capacity = capacity;
    }

    public CapacityCalendar(long capacity, List<Booking> bookings) {
        this(capacity);
        this.bookings.addAll(bookings);
    }

    public long capacity() {
        return capacity;
    }

    /** The most in use at any instant of the window. */
    public long peak(TimeWindow window) {
        TreeSet<Instant> instants = new TreeSet<>();
        instants.add(window.start());
        for (Booking b : bookings) {
            if (b.overlaps(window) && b.window().start().isAfter(window.start())) {
                instants.add(b.window().start());
            }
        }
        long peak = 0;
        for (Instant t : instants) {
            peak = Math.max(peak, usageAt(t));
        }
        return peak;
    }

    /** What is free at every instant of the window. */
    public long free(TimeWindow window) {
        return Math.max(0, capacity - peak(window));
    }

    public long usageAt(Instant t) {
        long used = 0;
        for (Booking b : bookings) {
            if (b.covers(t)) {
                used += b.amount();
            }
        }
        return used;
    }

    /**
     * Books {@code amount} over the window if it fits at every instant.
     *
     * @throws CapacityExceededException saying what is free and what was asked
     */
    public void book(String owner, TimeWindow window, long amount) {
        long free = free(window);
        if (amount > free) {
            throw new CapacityExceededException(amount, free);
        }
        bookings.add(new Booking(owner, window, amount));
    }

    /** Frees every interval the owner booked. */
    public void release(String owner) {
        bookings.removeIf(b -> b.owner().equals(owner));
    }

    /** The instants where usage may change: every booking's start and end. */
    public TreeSet<Instant> changes() {
        TreeSet<Instant> t = new TreeSet<>();
        bookings.forEach(b -> {
            t.add(b.window().start());
            t.add(b.window().end());
        });
        return t;
    }

    /** A booking asked for more than is free over its window. */
    public static final class CapacityExceededException extends RuntimeException {
        private final long asked;
        private final long free;

        CapacityExceededException(long asked, long free) {
            super("asked for " + asked + ", but only " + free + " is free at every instant of the window");
            this.asked = asked;
            this.free = free;
        }

        public long asked() {
            return asked;
        }

        public long free() {
            return free;
        }
    }
}
