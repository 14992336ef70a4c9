package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.compute.ImageCatalog;
import io.isthmus.rms.domain.placement.BestFitPlacement;
import io.isthmus.rms.domain.placement.SiteCalendar;
import io.isthmus.rms.domain.reservation.Booking;
import io.isthmus.rms.domain.reservation.BookingRepository;
import io.isthmus.rms.domain.reservation.BookingState;
import io.isthmus.rms.domain.reservation.Leases;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.ReservationConflictException;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.ReservationNotFoundException;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.site.Site;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Phase one and two of the broker's co-allocation at this site: prepare places the nodes and
 * stores a durable hold (no longer than the site's longest hold), commit turns it into a booking, and expired
 * holds are released. A node whose image is not in the site's catalog is refused before anything is held (a
 * repeated prepare of a hold already stored is answered without looking at the catalog again). Fault points (after the write they name, before answering): {@code prepare.stored},
 * {@code commit.stored}.
 */
public final class HoldService {

    private static final Logger LOG = System.getLogger(HoldService.class.getName());

    private final Site site;
    private final BookingRepository bookings;
    private final ReservationLocks locks;
    private final StatusService status;
    private final Leases leases;
    private final Clock clock;
    private final BestFitPlacement placement;
    private final PrepareValidator validator;
    private final FaultPoints faults;
    private final ImageCatalog images;

    public HoldService(Site site, BookingRepository bookings, ReservationLocks locks, StatusService status,
            Leases leases, Clock clock, FaultPoints faults, ImageCatalog images) {
        this.site = site;
        this.bookings = bookings;
        this.locks = locks;
        this.status = status;
        this.leases = leases;
        this.clock = clock;
        this.placement = new BestFitPlacement(site.id());
        this.validator = new PrepareValidator(site);
        this.faults = faults;
        this.images = images;
    }

    public ReservationView prepare(PrepareCommand command) {
        validator.validate(command, clock.instant());
        return locks.onReservation(command.reservation(), () -> {
            Optional<Booking> existing = bookings.find(command.reservation());
            if (existing.isPresent()) {
                Optional<ReservationView> repeated = repeatedPrepare(command, existing.get());
                if (repeated.isPresent()) {
                    return repeated.get();
                }
            }
            validator.requireImagesIn(command, images.images());
            Booking held = locks.onAllocation(() -> hold(command));
            LOG.log(Level.INFO, "held reservation {0} (transaction {1}) at {2} until {3}: {4}", command.reservation(),
                    command.transaction(), site.id(), held.holdExpires().orElseThrow(), placementText(held.nodes()));
            faults.reached("prepare.stored");
            return status.view(held);
        });
    }

    public ReservationView commit(ReservationId id, TransactionId transaction) {
        return locks.onReservation(id, () -> {
            Booking booking = bookings.find(id).orElseThrow(() -> new ReservationNotFoundException(
                    "site " + site.id() + " holds nothing for reservation " + id
                            + ": it was never prepared here, was aborted, or its hold expired; prepare it again"));
            if (booking.state() != BookingState.HELD) {
                LOG.log(Level.INFO, "commit of reservation {0} repeated; it is already {1}", id, booking.state());
                return status.view(booking);
            }
            if (booking.isExpiredAt(clock.instant())) {
                release(booking, "its hold expired before commit");
                throw new ReservationNotFoundException("the hold of reservation " + id + " at " + site.id()
                        + " expired at " + booking.holdExpires().orElseThrow() + " before commit; prepare it again");
            }
            if (!booking.transactionId().equals(transaction)) {
                throw new ReservationConflictException("reservation " + id + " is held at " + site.id()
                        + " by transaction " + booking.transactionId() + ", not " + transaction
                        + "; commit with the transaction that prepared it");
            }
            Booking committed = booking.committed();
            bookings.update(committed);
            LOG.log(Level.INFO, "committed reservation {0} (transaction {1}) at {2}", id, transaction, site.id());
            faults.reached("commit.stored");
            return status.view(committed);
        });
    }

    /** Releases every hold that expired by now without commit; returns how many were released. */
    public int reapExpiredHolds() {
        Instant now = clock.instant();
        int released = 0;
        for (Booking candidate : bookings.findExpiredHolds(now)) {
            boolean done = locks.onReservation(candidate.id(), () -> bookings.find(candidate.id())
                    .filter(b -> b.isExpiredAt(now))
                    .map(b -> release(b, "its hold expired at " + b.holdExpires().orElseThrow() + " without commit"))
                    .orElse(false));
            released += done ? 1 : 0;
        }
        return released;
    }

    private Optional<ReservationView> repeatedPrepare(PrepareCommand command, Booking existing) {
        if (existing.isExpiredAt(clock.instant())) {
            release(existing, "its hold expired and the reservation is prepared again");
            return Optional.empty();
        }
        if (existing.transactionId().equals(command.transaction())) {
            LOG.log(Level.INFO, "prepare of reservation {0} (transaction {1}) repeated; returning the existing hold",
                    command.reservation(), command.transaction());
            return Optional.of(status.view(existing));
        }
        throw new ReservationConflictException("reservation " + command.reservation() + " is already "
                + existing.state() + " at " + site.id() + " by transaction " + existing.transactionId()
                + "; abort or terminate it before preparing it with transaction " + command.transaction());
    }

    private Booking hold(PrepareCommand command) {
        Instant now = clock.instant();
        List<PlacedNode> placed = placement.place(command.nodes(), SiteCalendar.of(site,
                bookings.findStartingBefore(command.window().end(), now), leases, now), command.window());
        Booking booking = new Booking(command.reservation(), command.transaction(), command.tenant(),
                command.window(), Optional.of(holdExpiry(command, now)), BookingState.HELD, placed);
        bookings.insert(booking);
        return booking;
    }

    /** The broker's holdExpires, but no further than the longest hold this site grants. */
    private Instant holdExpiry(PrepareCommand command, Instant now) {
        Instant granted = leases.holdExpiry(command.holdExpires(), now);
        if (!granted.equals(command.holdExpires())) {
            LOG.log(Level.INFO, "hold of reservation {0} (transaction {1}) at {2} capped at {3}: the broker asked"
                    + " for {4}, this site holds for at most {5} (site.hold.maxSeconds)", command.reservation(),
                    command.transaction(), site.id(), granted, command.holdExpires(), leases.maxHold());
        }
        return granted;
    }

    private boolean release(Booking booking, String why) {
        boolean deleted = bookings.delete(booking.id());
        if (deleted) {
            LOG.log(Level.INFO, "released the hold of reservation {0} (transaction {1}) at {2}: {3}",
                    booking.id(), booking.transactionId(), site.id(), why);
        }
        return deleted;
    }

    private static String placementText(List<PlacedNode> nodes) {
        return String.join(", ", nodes.stream().map(n -> n.name() + " on " + n.host()).toList());
    }
}
