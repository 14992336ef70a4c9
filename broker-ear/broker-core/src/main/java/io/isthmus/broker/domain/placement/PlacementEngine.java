package io.isthmus.broker.domain.placement;

import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;

/**
 * Maps a virtual infrastructure onto sites and hosts. Implementations are pure: the substrate holds every fact
 * they may use (free capacity over the request's window, inter-site links), and the same input gives the same
 * placement.
 */
public interface PlacementEngine {
    /**
     * @param substrate the free capacity of each site the request may use and of the links between them, over its
     *                  window, sites in preference order
     * @throws PlacementRefusedException naming the constraint and the numbers when no placement exists
     * @throws io.isthmus.broker.domain.reservation.ValidationException when a node's image is in no offered site's
     *         catalog, or not at the site it is pinned to ({@link ImageAvailability}); a node only ever goes to a
     *         site whose {@link SiteOffer#images() catalog} has its image
     */
    Placement place(VirtualInfrastructureSpec vi, Substrate substrate);
}
