package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.compute.ComputeDriver;
import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.DomainSpec;
import io.isthmus.rms.domain.reservation.Booking;
import io.isthmus.rms.domain.reservation.BookingRepository;
import io.isthmus.rms.domain.reservation.BookingState;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.ReservationConflictException;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.ReservationNotFoundException;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.site.SiteException;
import io.isthmus.rms.domain.site.SiteId;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * What happens to a committed booking: provision starts one domain per node, plugs it into its segments and
 * shapes its NICs; release undoes that (booking kept); terminate and abort undo it and drop the booking. Each
 * call must come from the transaction that prepared the booking; another transaction's call is a conflict.
 *
 * <p>Fault points, each after the side effect it names: {@code provision.started:<node>} (the node's domain
 * started, plugged and shaped; before the next node), {@code provision.stored} (PROVISIONED written, before
 * answering), {@code release.removed:<node>} and {@code terminate.removed:<node>} (terminate and abort; the node's
 * domain removed, before the next node) and {@code terminate.stored} (booking dropped, before answering);
 * the site's own teardown of an overdue booking reaches {@code teardown.removed:<node>}.
 */
public final class LifecycleService {

    private static final Logger LOG = System.getLogger(LifecycleService.class.getName());

    private final SiteId site;
    private final BookingRepository bookings;
    private final ComputeDriver compute;
    private final DomainSpecFactory specs;
    private final ReservationLocks locks;
    private final StatusService status;
    private final NodeNetwork network;
    private final NicShaping shaping;
    private final FaultPoints faults;

    public LifecycleService(SiteId site, BookingRepository bookings, ComputeDriver compute, DomainSpecFactory specs,
            ReservationLocks locks, StatusService status, NodeNetwork network, NicShaping shaping,
            FaultPoints faults) {
        this.site = site;
        this.bookings = bookings;
        this.compute = compute;
        this.specs = specs;
        this.locks = locks;
        this.status = status;
        this.network = network;
        this.shaping = shaping;
        this.faults = faults;
    }

    /** Brings the data plane and the NIC shaping in line with the provisioned bookings (after a restart). */
    public void reconcileNetwork() {
        List<Booking> provisioned = bookings.findAll().stream().filter(b -> b.state() == BookingState.PROVISIONED)
                .toList();
        network.reconcile(provisioned);
        shaping.restore(provisioned);
    }

    public ReservationView provision(ReservationId id, TransactionId transaction) {
        return locks.onReservation(id, () -> {
            Booking booking = committedBooking(id, transaction, "provision");
            startAll(booking);
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

    /** A call of another transaction (a stale retry, a mix-up) must not act on this booking. */
    private void requireTransaction(Booking booking, TransactionId transaction, String operation) {
        if (!booking.transactionId().equals(transaction)) {
            throw new ReservationConflictException("reservation " + booking.id() + " is " + booking.state()
                    + " at " + site + " by transaction " + booking.transactionId() + ", not " + transaction
                    + "; " + operation + " it with the transaction that prepared it");
        }
    }

    private void startAll(Booking booking) {
        List<PlacedNode> startedHere = new ArrayList<>();
        List<PlacedNode> pluggedHere = new ArrayList<>();
        List<PlacedNode> shapedHere = new ArrayList<>();
        try {
            for (PlacedNode node : booking.nodes()) {
                DomainSpec spec = specs.specFor(booking.id(), node);
                boolean isNew = compute.inspect(node.host(), spec.name()).isEmpty();
                compute.start(node.host(), spec);
                if (isNew) {
                    startedHere.add(node);
                }
                network.plug(booking.id(), node);
                if (isNew) {
                    pluggedHere.add(node);
                }
                shaping.shape(booking.id(), node);
                if (isNew) {
                    shapedHere.add(node);
                }
                faults.reached("provision.started:" + node.name());
            }
        } catch (SiteException failure) {
            LOG.log(Level.WARNING, "provisioning reservation {0} at {1} failed; removing the {2} domain(s) it started",
                    booking.id(), site, startedHere.size());
            undo(booking, startedHere, pluggedHere, shapedHere, failure);
            throw failure;
        }
    }

    /**
     * Unshapes, unplugs and removes what a failed provision created (a failed plug or shape has already undone its
     * own part). Each step is tried even when an earlier one fails; their failures ride along on {@code failure}.
     */
    private void undo(Booking booking, List<PlacedNode> started, List<PlacedNode> plugged, List<PlacedNode> shaped,
            SiteException failure) {
        for (PlacedNode node : started) {
            if (shaped.contains(node)) {
                attempt(() -> shaping.unshape(booking.id(), node), failure);
            }
            if (plugged.contains(node)) {
                attempt(() -> network.unplug(booking.id(), node), failure);
            }
            attempt(() -> compute.remove(node.host(), DomainName.of(booking.id(), node.name())), failure);
        }
    }

    private static void attempt(Runnable step, SiteException failure) {
        try {
            step.run();
        } catch (SiteException undoFailure) {
            failure.addSuppressed(undoFailure);
        }
    }

    /** Unshapes, unplugs and removes every node; reaches {@code <removedPoint><node>} after each. */
    private void removeAll(Booking booking, String removedPoint) {
        for (PlacedNode node : booking.nodes()) {
            shaping.unshape(booking.id(), node);
            network.unplug(booking.id(), node);
            compute.remove(node.host(), DomainName.of(booking.id(), node.name()));
            faults.reached(removedPoint + node.name());
        }
    }
}
