package io.isthmus.rms.domain.placement;

import io.isthmus.rms.domain.reservation.TimeWindow;
import io.isthmus.rms.domain.site.Host;
import io.isthmus.rms.domain.site.Resources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The bookings of one host over time. Usage changes only where a booking starts, so the peak
 * usage inside a window is found by looking at the window start and at every booking start in it.
 */
public record HostCalendar(Host host, List<Booked> bookings) {

    public HostCalendar {
        Objects.requireNonNull(host, "host");
        bookings = List.copyOf(bookings);
    }

    /** The most this host has booked at any single instant of {@code window}, per dimension. */
    public Resources peakUsage(TimeWindow window) {
        TreeSet<Instant> instants = new TreeSet<>();
        instants.add(window.start());
        for (Booked booked : bookings) {
            if (window.contains(booked.window().start())) {
                instants.add(booked.window().start());
            }
        }
        Resources peak = Resources.NONE;
        for (Instant instant : instants) {
            peak = peak.max(usageAt(instant));
        }
        return peak;
    }

    /** What stays free on this host during the whole of {@code window}. */
    public Resources free(TimeWindow window) {
        return host.total().minusFloored(peakUsage(window));
    }

    /** This calendar with one more booking. */
    public HostCalendar with(Booked booked) {
        List<Booked> more = new ArrayList<>(bookings);
        more.add(booked);
        return new HostCalendar(host, more);
    }

    private Resources usageAt(Instant instant) {
        Resources sum = Resources.NONE;
        for (Booked booked : bookings) {
            if (booked.window().contains(instant)) {
                sum = sum.plus(booked.demand());
            }
        }
        return sum;
    }
}
