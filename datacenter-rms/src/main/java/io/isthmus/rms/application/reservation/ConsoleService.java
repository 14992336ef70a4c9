package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.compute.ConsoleBytes;
import io.isthmus.rms.domain.compute.ConsoleTail;
import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.InstanceStorage;
import io.isthmus.rms.domain.reservation.Booking;
import io.isthmus.rms.domain.reservation.BookingRepository;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.NodeNotFoundException;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.ReservationNotFoundException;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.site.SiteId;
import java.util.stream.Collectors;

/**
 * Reads the end of a node's serial console log for the broker, through the host's storage. It only reads and takes
 * no reservation lock, so the log of a guest that a provision is still waiting for can be read meanwhile. The call
 * must come from the transaction that prepared the booking.
 */
public final class ConsoleService {

    private final SiteId site;
    private final BookingRepository bookings;
    private final InstanceStorage storage;

    public ConsoleService(SiteId site, BookingRepository bookings, InstanceStorage storage) {
        this.site = site;
        this.bookings = bookings;
        this.storage = storage;
    }

    /**
     * The last {@code limit} bytes of the node's console log, XML 1.0-safe; empty and not truncated while its VM has
     * no log (not provisioned yet, or released).
     *
     * @throws ReservationNotFoundException when the site holds nothing for the reservation
     * @throws io.isthmus.rms.domain.reservation.ReservationConflictException for another transaction
     * @throws NodeNotFoundException when the booking has no such node
     * @throws io.isthmus.rms.domain.compute.ComputeException when the host's storage cannot be read
     */
    public ConsoleView console(ReservationId id, TransactionId transaction, NodeName node, ConsoleBytes limit) {
        Booking booking = bookings.find(id).orElseThrow(() -> new ReservationNotFoundException("site " + site
                + " has no booking for reservation " + id + ", so no console log of its node " + node
                + "; a node's console can be read from prepare until terminate"));
        TransactionCheck.require(booking, transaction, site, "read its console log");
        PlacedNode placed = booking.nodes().stream().filter(n -> n.name().equals(node)).findFirst()
                .orElseThrow(() -> new NodeNotFoundException("reservation " + id + " has no node " + node + " at site "
                        + site + "; its nodes here are " + booking.nodes().stream().map(n -> n.name().value())
                        .collect(Collectors.joining(", "))));
        DomainName domain = DomainName.of(id, node);
        ConsoleTail tail = ConsoleTail.of(storage.consoleTail(placed.host(), domain, limit.value() + 1), limit);
        return new ConsoleView(node, placed.host(), domain, tail);
    }
}
