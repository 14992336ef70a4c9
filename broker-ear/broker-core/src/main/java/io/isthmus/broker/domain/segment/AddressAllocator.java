package io.isthmus.broker.domain.segment;

import io.isthmus.broker.domain.reservation.ReservationId;

/**
 * Allocates VNIs and MAC addresses federation-wide, without duplicates, within the caller's transaction.
 * What a reservation holds is returned by {@link #releaseAll(ReservationId)} when it ends.
 */
public interface AddressAllocator {
    int allocateVni(ReservationId owner);

    String allocateMac(ReservationId owner);

    /** Takes a MAC the requester fixed; CONFLICT when another reservation has it. */
    void claimMac(String mac, ReservationId owner);

    /**
     * Returns everything the reservation holds in the broker's ledger: its VNIs, its MACs and the inter-site
     * bandwidth it booked ({@link io.isthmus.broker.domain.placement.InterSiteBookings}).
     */
    void releaseAll(ReservationId owner);
}
