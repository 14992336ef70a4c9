package io.isthmus.rms.domain.placement;

import io.isthmus.rms.domain.reservation.Booking;
import io.isthmus.rms.domain.reservation.Leases;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.TimeWindow;
import io.isthmus.rms.domain.site.Host;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.Site;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one {@link HostCalendar} per host of the site from the bookings that take capacity, each over the window
 * the {@link Leases} count it on at {@code now} (past its window while the site has not torn it down).
 */
public final class SiteCalendar {

    private SiteCalendar() {
    }

    public static List<HostCalendar> of(Site site, List<Booking> bookings, Leases leases, Instant now) {
        Map<HostName, List<Booked>> byHost = new HashMap<>();
        for (Booking booking : bookings) {
            TimeWindow counted = leases.countedWindow(booking, now);
            for (PlacedNode node : booking.nodes()) {
                byHost.computeIfAbsent(node.host(), h -> new ArrayList<>())
                        .add(new Booked(counted, node.spec().demand()));
            }
        }
        List<HostCalendar> calendars = new ArrayList<>();
        for (Host host : site.hosts()) {
            calendars.add(new HostCalendar(host, byHost.getOrDefault(host.name(), List.of())));
        }
        return calendars;
    }
}
