package io.isthmus.rms.application.site;

import io.isthmus.rms.domain.compute.ImageCatalog;
import io.isthmus.rms.domain.placement.HostCalendar;
import io.isthmus.rms.domain.placement.SiteCalendar;
import io.isthmus.rms.domain.reservation.BookingRepository;
import io.isthmus.rms.domain.reservation.Leases;
import io.isthmus.rms.domain.reservation.TimeWindow;
import io.isthmus.rms.domain.site.Site;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Free capacity per host: total minus the most booked at any instant of the window, counting
 * held (not expired), committed, provisioned and released bookings where the {@link Leases} count them (the
 * same rule prepare admits by: a booking past its window that the site has not torn down yet still counts).
 * No window: from now on. With it, the site's image catalog as it is now. The free
 * guaranteed bandwidth is part of the answer here, but the site contract has no field to send it in.
 */
public final class CapacityService {

    private final Site site;
    private final BookingRepository bookings;
    private final Leases leases;
    private final Clock clock;
    private final ImageCatalog images;

    public CapacityService(Site site, BookingRepository bookings, Leases leases, Clock clock, ImageCatalog images) {
        this.site = site;
        this.bookings = bookings;
        this.leases = leases;
        this.clock = clock;
        this.images = images;
    }

    public SiteCapacityView capacity(Optional<TimeWindow> requested) {
        Instant now = clock.instant();
        TimeWindow window = requested.orElseGet(() -> TimeWindow.from(now));
        List<HostCalendar> calendars = SiteCalendar.of(site,
                bookings.findStartingBefore(window.end(), now), leases, now);
        return new SiteCapacityView(site, calendars.stream()
                .map(c -> new HostAvailability(c.host(), c.free(window)))
                .toList(), images.images());
    }
}
