package io.isthmus.broker.domain.placement;

import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.broker.domain.reservation.TimeWindow;
import java.util.List;

/**
 * The calendars of the federation's inter-site links: what each configured link can carry and what reservations
 * (held or committed) have booked on it over time. A reservation's bookings go when its lifecycle ends
 * ({@link io.isthmus.broker.domain.segment.AddressAllocator#releaseAll}).
 */
public interface InterSiteBookings {
    /** Every configured link with what is free at every instant of the window. */
    List<InterSiteLink> links(TimeWindow window);

    /**
     * Books a placement's inter-site bandwidth over the window, each link under a lock, in the caller's transaction.
     * Loads between sites without a configured link carry no guarantee and are not booked.
     *
     * @throws PlacementRefusedException when a link no longer has the room (another reservation booked it meanwhile)
     */
    void book(ReservationId owner, TimeWindow window, List<InterSiteLoad> loads);
}
