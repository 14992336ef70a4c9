package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.reservation.Booking;
import io.isthmus.rms.domain.reservation.BookingRepository;
import io.isthmus.rms.domain.reservation.BookingState;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.ReservationConflictException;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.ReservationNotFoundException;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.site.SiteId;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * What happens to a committed booking: provision prepares each node's disks, plugs its segments, starts all its
 * domains at once, waits until every guest reports ready and shapes its NICs (see {@link ReservationStarter}); any
 * failure undoes what the call created and is thrown (a guest not ready in time is a
 * {@link io.isthmus.rms.domain.compute.GuestNotReadyException}). Release undoes it (booking kept); terminate and
 * abort undo it and drop the booking. Each call must come from the transaction that prepared the booking; another
 * transaction's call is a conflict.
 *
 * <p>Fault points, each after the side effect it names: {@code provision.started:<node>} (every node's disks
 * prepared, segments plugged and guest ready; the node's NICs shaped, before the next node's), {@code
 * provision.stored} (PROVISIONED written, before answering), {@code release.removed:<node>} and {@code
 * terminate.removed:<node>} (terminate and abort; the node's shaping, domain, disks and plugs removed, before the
 * next node) and {@code terminate.stored} (booking dropped, before answering); the site's own teardown of an overdue
 * booking reaches {@code teardown.removed:<node>}.
 */
public final class LifecycleService {

    private static final Logger LOG = System.getLogger(LifecycleService.class.getName());

    private final SiteId site;
    private final BookingRepository bookings;
    private final SiteMachinery machinery;
    private final ReservationLocks locks;
    private final StatusService status;
    private final FaultPoints faults;
    private final ReservationStarter starter;
    private final NodeTeardown teardown;
    private final ComputeReconciler reconciler;

    public LifecycleService(SiteId site, BookingRepository bookings, SiteMachinery machinery, ReservationLocks locks,
            StatusService status, NodeProblems problems, GuestSettings guests, FaultPoints faults) {
        this.site = site;
        this.bookings = bookings;
        this.machinery = machinery;
        this.locks = locks;
        this.status = status;
        this.faults = faults;
        DomainSpecFactory specs = new DomainSpecFactory(machinery.network());
        this.starter = new ReservationStarter(machinery.compute(), machinery.storage(), specs, machinery.network(),
                machinery.shaping(), problems, guests, faults);
        this.teardown = new NodeTeardown(machinery.compute(), machinery.storage(), machinery.network(),
                machinery.shaping());
        this.reconciler = new ComputeReconciler(machinery.compute(), machinery.storage(), machinery.network(),
                specs, problems);
    }

    /**
     * After a restart, brings the hosts in line with the provisioned bookings: domains and VM disks no provisioned
     * booking names are destroyed and deleted, the data plane is reconciled (orphan stand-ins and unused segments
     * removed, missing ones recreated), provisioned nodes whose domain is missing are restored (or reported), and
     * their NICs are shaped again.
     */
    public void reconcile() {
        List<Booking> provisioned = bookings.findAll().stream().filter(b -> b.state() == BookingState.PROVISIONED)
                .toList();
        reconciler.removeOrphans(machinery.hosts(), provisioned);
        machinery.network().reconcile(provisioned);
        reconciler.restoreMissing(provisioned);
        machinery.shaping().restore(provisioned);
    }

    public ReservationView provision(ReservationId id, TransactionId transaction) {
        return locks.onReservation(id, () -> {
            Booking booking = committedBooking(id, transaction, "provision");
            starter.startAll(booking);
            Booking provisioned = booking.withState(BookingState.PROVISIONED);
            bookings.update(provisioned);
            LOG.log(Level.INFO, "provisioned reservation {0} at {1}: {2} domain(s) running", id, site,
                    booking.nodes().size());
            faults.reached("provision.stored");
            return status.view(provisioned);
        });
    }

    public ReservationView release(ReservationId id, TransactionId transaction) {
        return locks.onReservation(id, () -> {
            Booking booking = committedBooking(id, transaction, "release");
            removeAll(booking, "release.removed:");
            Booking released = booking.withState(BookingState.RELEASED);
            bookings.update(released);
            LOG.log(Level.INFO, "released reservation {0} at {1}; its booking stays", id, site);
            return status.view(released);
        });
    }

    /** Removes everything of the reservation and drops its booking; nothing stored here is a success too. */
    public ReservationView terminate(ReservationId id, TransactionId transaction) {
        return drop(id, transaction, BookingState.TERMINATED, "terminate");
    }

    /** Like {@link #terminate}: the broker aborts at every site, including those that never held anything. */
    public ReservationView abort(ReservationId id, TransactionId transaction) {
        return drop(id, transaction, BookingState.ABORTED, "abort");
    }

    /**
     * Tears down a booking the broker did not end (the caller holds its lock): the same as terminate, but on the
     * site's own account. Returns false when the booking was already gone.
     */
    boolean tearDown(Booking booking, String why) {
        removeAll(booking, "teardown.removed:");
        boolean deleted = bookings.delete(booking.id());
        if (deleted) {
            LOG.log(Level.WARNING, "tore down reservation {0} (transaction {1}, {2}) at {3} on the site''s own"
                    + " account: {4}; domains removed, segments unplugged, shaping withdrawn, booking dropped",
                    booking.id(), booking.transactionId(), booking.state(), site, why);
        }
        return deleted;
    }

    private ReservationView drop(ReservationId id, TransactionId transaction, BookingState outcome, String operation) {
        return locks.onReservation(id, () -> {
            bookings.find(id).ifPresentOrElse(booking -> {
                requireTransaction(booking, transaction, operation);
                removeAll(booking, "terminate.removed:");
                bookings.delete(id);
                LOG.log(Level.INFO, "{0} reservation {1} (transaction {2}) at {3}: domains removed, capacity free"
                        + " again", outcome, id, transaction, site);
                faults.reached("terminate.stored");
            }, () -> LOG.log(Level.INFO, "{0} of reservation {1} at {2}: nothing held, nothing to do",
                    outcome, id, site));
            return ReservationView.empty(id, outcome);
        });
    }

    private Booking committedBooking(ReservationId id, TransactionId transaction, String operation) {
        Booking booking = bookings.find(id).orElseThrow(() -> new ReservationNotFoundException(
                "site " + site + " has no booking for reservation " + id + " to " + operation
                        + "; prepare and commit it first"));
        requireTransaction(booking, transaction, operation);
        if (booking.state() == BookingState.HELD) {
            throw new ReservationConflictException("reservation " + id + " is only held at " + site
                    + "; commit it before you " + operation + " it");
        }
        return booking;
    }

    private void requireTransaction(Booking booking, TransactionId transaction, String operation) {
        TransactionCheck.require(booking, transaction, site, operation + " it");
    }

    /** Unshapes, removes the domain and disks of, and unplugs every node; reaches {@code <removedPoint><node>}. */
    private void removeAll(Booking booking, String removedPoint) {
        for (PlacedNode node : booking.nodes()) {
            teardown.remove(booking.id(), node);
            faults.reached(removedPoint + node.name());
        }
    }
}
