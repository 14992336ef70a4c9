package io.isthmus.broker.domain.placement;

import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import java.util.List;

/**
 * Maps a virtual infrastructure onto sites and hosts. Implementations are pure: the offers hold every fact
 * they may use, and the same input gives the same placement.
 */
public interface PlacementEngine {
    /**
     * @param offers the free capacity of each site the request may use, over its window, in preference order
     * @throws PlacementRefusedException naming the constraint and the numbers when no placement exists
     */
    Placement place(VirtualInfrastructureSpec vi, List<SiteOffer> offers);
}
