package io.isthmus.gateway.application.stitch;

import io.isthmus.gateway.domain.isolation.IsolationStatus;
import io.isthmus.gateway.domain.isolation.SegmentIsolation;
import io.isthmus.gateway.domain.shared.ConflictException;
import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.NotFoundException;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TimeWindow;
import io.isthmus.gateway.domain.shared.TransactionId;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.stitch.BookingRepository;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.StitchState;
import io.isthmus.gateway.domain.tunnel.OpenVpnCredentials;
import io.isthmus.gateway.domain.tunnel.OpenVpnOffer;
import io.isthmus.gateway.domain.tunnel.PeerEndpoint;
import io.isthmus.gateway.domain.tunnel.StitchDataPlane;
import io.isthmus.gateway.domain.tunnel.StitchInterfaces;
import io.isthmus.gateway.infrastructure.fault.KillSwitch;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's use cases. Every mutating call is idempotent on its reservation: repeating it has the effect of
 * one; abort and unstitch of something unknown succeed and do nothing. A call whose transaction id is not the one
 * that prepared the booking is refused as a conflict. Calls are serialised, so two prepares can
 * never both take the same VNI, VLAN or openvpn port.
 * <p>
 * Crash tests can kill the gateway ({@link KillSwitch}) right after each durable write or side effect:
 * {@code prepare.stored}, {@code commit.stored}, {@code stitch.realised:<segment>} (that segment's interfaces up),
 * {@code stitch.stored}, {@code unstitch.removed}, {@code abort.removed} (interfaces and key material gone, booking
 * kept) and {@code abort.stored}.
 */
public final class StitchService {

    private static final System.Logger LOG = System.getLogger(StitchService.class.getName());

    private final GatewayId gateway;
    private final GatewayProfile profile;
    private final BookingRepository bookings;
    private final StitchDataPlane dataPlane;
    private final SegmentIsolation isolation;
    private final PrepareValidator validator;
    private final OpenVpnOffers offers;
    private final PeerEndpointValidator endpoints;
    private final VlanCalendar vlans;
    private final Leases leases;
    private final WindowTeardown teardown;
    private final Clock clock;
    private final KillSwitch kills;

    public StitchService(GatewayProfile profile, BookingRepository bookings, StitchDataPlane dataPlane,
                         SegmentIsolation isolation, OpenVpnCredentials credentials, Clock clock, KillSwitch kills) {
        this.gateway = profile.id();
        this.profile = profile;
        this.bookings = bookings;
        this.dataPlane = dataPlane;
        this.isolation = isolation;
        this.validator = new PrepareValidator(profile);
        this.offers = new OpenVpnOffers(profile, credentials);
        this.endpoints = new PeerEndpointValidator(profile.id(), profile.tunnelAddress());
        this.leases = profile.leases();
        this.vlans = new VlanCalendar(profile.id(), leases.teardownGrace());
        this.teardown = new WindowTeardown(profile.id(), bookings, dataPlane, offers, leases.teardownGrace());
        this.clock = clock;
        this.kills = kills;
    }

    /**
     * Phase one: books the VNIs of the stitches, and their VLANs over {@code window}, held until {@code holdExpires}
     * (at most {@link Leases#maxHold()} from now); for openvpn stitches also makes this gateway's offer (key,
     * certificate, listening ports), which the booking carries from then on.
     */
    public synchronized Booking prepare(ReservationId id, TransactionId tx, TimeWindow window, Instant holdExpires,
                                        List<StitchSpec> specs) {
        reapExpiredHolds();
        Optional<Booking> existing = bookings.find(id);
        if (existing.isPresent()) {
            requireTransaction(existing.get(), tx, "prepare");
            if (existing.get().specs().equals(specs) && existing.get().window().equals(Optional.of(window))) {
                return existing.get();
            }
            throw new ConflictException("reservation " + id + " already holds other stitches or another window at"
                    + " gateway " + gateway + " (state " + existing.get().state() + ", window "
                    + existing.get().window().map(TimeWindow::toString).orElse("none") + "): abort it before preparing"
                    + " different ones");
        }
        List<Booking> others = bookings.findAll();
        Instant now = clock.instant();
        validator.validate(id, window, holdExpires, now, specs, dataPlane.supportedKinds(),
                dataPlane.trunkVlanProblem(), others);
        Instant granted = leases.cap(holdExpires, now);
        if (!granted.equals(holdExpires)) {
            LOG.log(System.Logger.Level.INFO, "gateway {0}: reservation {1} asked for a hold until {2}; holding it"
                    + " until {3} only (gateway.hold.maxSeconds={4})", gateway, id, holdExpires, granted,
                    leases.maxHold().toSeconds());
        }
        List<OpenVpnOffer> made = offers.issue(id, specs, others);
        Booking held = Booking.held(id, tx, window, granted, specs).withOffers(made);
        try {
            bookings.save(held);
        } catch (RuntimeException e) {
            offers.revoke(held);
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "gateway {0}: reservation {1} holds {2} stitch(es) over {3} until {4}"
                + " (tx {5}){6}", gateway, id, specs.size(), window, granted, tx,
                made.isEmpty() ? "" : "; openvpn offers " + made);
        kills.reached("prepare.stored");
        return held;
    }

    /** Phase two: keeps the held stitches. */
    public synchronized Booking commit(ReservationId id, TransactionId tx) {
        Booking booking = existing(id, "commit");
        requireTransaction(booking, tx, "commit");
        if (booking.state() != StitchState.HELD) {
            return booking;
        }
        Booking committed = booking.in(StitchState.COMMITTED, tx);
        bookings.save(committed);
        LOG.log(System.Logger.Level.INFO, "gateway {0}: reservation {1} committed (tx {2})", gateway, id, tx);
        kills.reached("commit.stored");
        return committed;
    }

    /**
     * Removes the reservation's interfaces (if stitched), deletes its openvpn key material, frees its ports and
     * forgets it; unknown reservations are fine.
     */
    public synchronized Optional<Booking> abort(ReservationId id, TransactionId tx) {
        Optional<Booking> booking = bookings.find(id);
        if (booking.isEmpty()) {
            return Optional.empty();
        }
        requireTransaction(booking.get(), tx, "abort");
        if (booking.get().state() == StitchState.STITCHED) {
            dataPlane.removeAll(booking.get().specs());
        }
        offers.revoke(booking.get());
        kills.reached("abort.removed");
        bookings.delete(id);
        LOG.log(System.Logger.Level.INFO, "gateway {0}: reservation {1} aborted (tx {2}), nothing held any more",
                gateway, id, tx);
        kills.reached("abort.stored");
        return booking;
    }

    /** {@link #stitch(ReservationId, TransactionId, List)} for reservations without openvpn stitches. */
    public Booking stitch(ReservationId id, TransactionId tx) {
        return stitch(id, tx, List.of());
    }

    /**
     * Creates the interfaces (and openvpn processes) of every committed stitch of the reservation; openvpn stitches
     * take the peers' endpoints relayed by the broker, exactly one per peer.
     */
    public synchronized Booking stitch(ReservationId id, TransactionId tx, List<PeerEndpoint> peerEndpoints) {
        Booking booking = existing(id, "stitch");
        requireTransaction(booking, tx, "stitch");
        if (booking.state() == StitchState.HELD) {
            throw new ConflictException("reservation " + id + " is only held at gateway " + gateway
                    + ": commit it before stitching");
        }
        endpoints.validate(booking, peerEndpoints);
        Booking withEndpoints = booking.withPeerEndpoints(peerEndpoints);
        if (booking.state() == StitchState.STITCHED && !booking.peerEndpoints().equals(withEndpoints.peerEndpoints())) {
            throw new ConflictException("reservation " + id + " is stitched at gateway " + gateway
                    + " with other peer endpoints: unstitch it before stitching with new ones");
        }
        if (booking.state() != StitchState.STITCHED) {
            List<Booking> all = bookings.findAll();
            booking.specs().forEach(spec -> vlans.requireNotStitchedElsewhere(booking, spec, all));
        }
        realiseAll(withEndpoints);
        if (booking.state() == StitchState.STITCHED) {
            return booking;
        }
        Booking stitched = withEndpoints.in(StitchState.STITCHED, tx);
        bookings.save(stitched);
        LOG.log(System.Logger.Level.INFO, "gateway {0}: reservation {1} stitched (tx {2})", gateway, id, tx);
        kills.reached("stitch.stored");
        return stitched;
    }

    /**
     * Removes the reservation's interfaces and keeps its booking (and key material); unknown or unstitched is a
     * no-op.
     */
    public synchronized Optional<Booking> unstitch(ReservationId id, TransactionId tx) {
        Optional<Booking> booking = bookings.find(id);
        booking.ifPresent(b -> requireTransaction(b, tx, "unstitch"));
        if (booking.isEmpty() || booking.get().state() != StitchState.STITCHED) {
            return booking;
        }
        dataPlane.removeAll(booking.get().specs());
        kills.reached("unstitch.removed");
        Booking committed = booking.get().in(StitchState.COMMITTED, tx);
        bookings.save(committed);
        LOG.log(System.Logger.Level.INFO, "gateway {0}: reservation {1} unstitched (tx {2})", gateway, id, tx);
        return Optional.of(committed);
    }

    public synchronized GatewayStatus status(Optional<ReservationId> only) {
        reapExpiredHolds();
        List<Booking> selected = only.map(id -> bookings.find(id).stream().toList()).orElseGet(bookings::findAll);
        IsolationStatus isolated = isolation.status();
        if (!isolated.active()) {
            LOG.log(System.Logger.Level.WARNING, "gateway {0}: status: tenant isolation {1}", gateway,
                    isolated.describe());
        }
        return new GatewayStatus(gateway, profile.tunnelAddress(), dataPlane.supportedKinds(), isolated, selected);
    }

    /** The interfaces that realise {@code spec} at this gateway. */
    public StitchInterfaces interfacesOf(StitchSpec spec) {
        return dataPlane.interfacesOf(spec);
    }

    /** Forgets holds whose time ran out before a commit, with their key material; returns how many. */
    public synchronized int reapExpiredHolds() {
        Instant now = clock.instant();
        List<Booking> expired = bookings.findAll().stream().filter(b -> b.expiredAt(now)).toList();
        for (Booking b : expired) {
            offers.revoke(b);
            bookings.delete(b.reservationId());
            LOG.log(System.Logger.Level.INFO, "gateway {0}: hold of reservation {1} expired at {2} without commit;"
                    + " released", gateway, b.reservationId(), b.holdExpires());
        }
        return expired.size();
    }

    /**
     * Tears down, on the gateway's own authority, every committed or stitched booking whose window ended more than
     * {@link Leases#teardownGrace()} ago (see {@link WindowTeardown}); returns how many.
     */
    public synchronized int tearDownPastWindows() {
        return teardown.run(clock.instant());
    }

    private Booking existing(ReservationId id, String operation) {
        reapExpiredHolds();
        return bookings.find(id).orElseThrow(() -> new NotFoundException("gateway " + gateway
                + " holds nothing for reservation " + id + " (never prepared, aborted, its hold expired or its window"
                + " ended): "
                + "prepare it again before " + operation));
    }

    /** Every call on a booking belongs to the transaction that prepared it; another transaction's call is refused. */
    private void requireTransaction(Booking booking, TransactionId tx, String operation) {
        if (!booking.transactionId().equals(tx)) {
            throw new ConflictException("reservation " + booking.reservationId() + " is booked at gateway " + gateway
                    + " by transaction " + booking.transactionId() + ", not by transaction " + tx + " of this "
                    + operation + ": send the " + operation + " with transaction " + booking.transactionId()
                    + ", or abort that transaction before preparing the reservation again");
        }
    }

    /** Realises every stitch; when one fails on a fresh stitch, removes all of them up to the failing one. */
    private void realiseAll(Booking booking) {
        int done = 0;
        try {
            for (StitchSpec spec : booking.specs()) {
                dataPlane.realise(spec, booking.peeringOf(spec));
                kills.reached("stitch.realised:" + spec.segment().value());
                done++;
            }
        } catch (RuntimeException e) {
            if (booking.state() == StitchState.COMMITTED) {
                for (StitchSpec spec : booking.specs().subList(0, Math.min(done + 1, booking.specs().size()))) {
                    removeQuietly(spec, e);
                }
            }
            throw e;
        }
    }

    private void removeQuietly(StitchSpec spec, RuntimeException failure) {
        try {
            dataPlane.remove(spec);
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }
}
