package io.isthmus.broker.application.reservation;

import io.isthmus.broker.application.coallocation.ActivationFailedException;
import io.isthmus.broker.application.coallocation.CoAllocator;
import io.isthmus.broker.application.coallocation.StepFailure;
import io.isthmus.broker.domain.placement.NodeLocation;
import io.isthmus.broker.domain.placement.InterSiteBookings;
import io.isthmus.broker.domain.placement.PlacementRefusedException;
import io.isthmus.broker.domain.reservation.BrokerException;
import io.isthmus.broker.domain.reservation.FaultKind;
import io.isthmus.broker.domain.reservation.IllegalTransitionException;
import io.isthmus.broker.domain.reservation.LifecycleState;
import io.isthmus.broker.domain.reservation.NicAssignment;
import io.isthmus.broker.domain.reservation.NicBandwidth;
import io.isthmus.broker.domain.reservation.NicSpec;
import io.isthmus.broker.domain.reservation.NodeSpec;
import io.isthmus.broker.domain.reservation.NotFoundException;
import io.isthmus.broker.domain.reservation.ProvisionState;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.broker.domain.reservation.ReservationState;
import io.isthmus.broker.domain.reservation.ReservedNode;
import io.isthmus.broker.domain.reservation.ReservedSegment;
import io.isthmus.broker.domain.reservation.SegmentSpec;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureValidator;
import io.isthmus.broker.domain.segment.AddressAllocator;
import io.isthmus.broker.domain.site.TxContext;
import io.isthmus.broker.infrastructure.config.BrokerSettings;
import io.isthmus.broker.infrastructure.config.RecoverySettings;
import io.isthmus.broker.infrastructure.config.ReservationLimits;
import io.isthmus.broker.infrastructure.fault.KillSwitch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The BrokerService use cases. Each step records its decision in the database before it acts at the sites and
 * gateways (through {@link CoAllocator}), so that a broker restarted at any point finishes or undoes what it began.
 */
@ApplicationScoped
public class ReservationService {
    /** Participants keep their holds a little longer than the broker, so a commit at the deadline still lands. */
    static final Duration PARTICIPANT_GRACE = Duration.ofSeconds(30);
    /** How often in a row the broker tries to start a reservation at its window's start before it gives up. */
    static final int MAX_ACTIVATION_ATTEMPTS = 3;
    /** How often one reserve is placed at most when sites refuse a placement made on capacity read just before. */
    static final int PLACEMENT_ATTEMPTS = 3;
    private static final Logger LOG = Logger.getLogger(ReservationService.class.getName());

    @Inject
    ReservationStore store;
    @Inject
    ReservationPlanner planner;
    @Inject
    InterSiteBookings bookings;
    @Inject
    CoAllocator coAllocator;
    @Inject
    BrokerSettings settings;
    @Inject
    ReservationLimits limits;
    @Inject
    Clock clock;
    @Inject
    RecoverySettings recovery;
    @Inject
    KillSwitch killSwitch;
    @Inject
    Replays replays;
    @Inject
    InFlight inFlight;

    public Reservation reserve(Requester who, VirtualInfrastructureSpec vi) {
        VirtualInfrastructureValidator.validate(vi, clock.instant(), limits.window());
        String digest = RequestDigest.of(vi);
        var earlier = store.read(repo -> repo.findByRequest(who.requesterId(), who.correlationId()));
        if (earlier.isPresent()) {
            return replays.replay(earlier.get(), digest);
        }
        ReservationId id = ReservationId.random();
        return inFlight.during(id, () -> reserveNew(who, vi, digest, id));
    }

    /**
     * Places, records and prepares. A site that refuses for CAPACITY had filled up since its capacity was read (other
     * reserves prepared meanwhile): once every participant has let go, the attempt is forgotten and the request is
     * placed again on fresh capacity views, at most {@link #PLACEMENT_ATTEMPTS} times in all.
     */
    private Reservation reserveNew(Requester who, VirtualInfrastructureSpec vi, String digest, ReservationId id) {
        for (int attempt = 1; ; attempt++) {
            try {
                return reserveOnce(who, vi, digest, id, attempt == PLACEMENT_ATTEMPTS);
            } catch (StalePlacement stale) {
                int tried = attempt;
                LOG.info(() -> "reservation " + id + ": " + stale.getCause().getMessage() + "; placing again (attempt "
                        + (tried + 1) + " of " + PLACEMENT_ATTEMPTS + ")");
            }
        }
    }

    private Reservation reserveOnce(Requester who, VirtualInfrastructureSpec vi, String digest, ReservationId id,
                                    boolean lastAttempt) {
        Instant holdExpires = clock.instant().plus(settings.holdTime());
        Reservation checking;
        try {
            checking = placeAndRecord(who, id, vi, holdExpires, digest);
        } catch (BrokerException refused) {
            throw refused;
        } catch (RuntimeException raced) {
            // Another call with the same requester and correlation id recorded its reservation first (the unique
            // key refused this one): answer what that call answers.
            Reservation first = store.read(repo -> repo.findByRequest(who.requesterId(), who.correlationId()))
                    .orElseThrow(() -> raced);
            LOG.info(() -> "reserve " + who.correlationId() + " of " + who.requesterId() + " raced an identical one;"
                    + " answering reservation " + first.id());
            return replays.replay(first, digest);
        }
        killSwitch.reached("reserve.recorded");
        try {
            var hosts = coAllocator.prepareAll(checking, tx(checking, who), holdExpires.plus(PARTICIPANT_GRACE));
            Reservation held = store.update(id, r -> {
                r.nodes().forEach(n -> n.assignHost(hosts.getOrDefault(n.name(), n.host().orElse(null))));
                r.moveTo(ReservationState.ReserveHeld, clock.instant());
            });
            killSwitch.reached("reserve.held");
            return held;
        } catch (BrokerException refused) {
            if (!lastAttempt && refused.kind() == FaultKind.CAPACITY && refused.getSuppressed().length == 0) {
                store.forget(id);
                throw new StalePlacement(refused);
            }
            store.updateWithAllocator(id, (r, allocator) -> {
                Instant at = clock.instant();
                r.recordError(refused.kind(), refused.getMessage(), at);
                r.moveTo(ReservationState.ReserveFailed, at);
                endLifecycle(r, allocator, at);
            });
            throw refused;
        }
    }

    /**
     * Places the request and records it with its addresses and inter-site bookings in one transaction; places again
     * (at most three times) when another reservation took the inter-site bandwidth in between.
     */
    private Reservation placeAndRecord(Requester who, ReservationId id, VirtualInfrastructureSpec vi, Instant holdExpires,
                                       String digest) {
        for (int attempt = 1; ; attempt++) {
            ReservationPlanner.Plan plan = planner.plan(vi);
            Instant now = clock.instant();
            try {
                Reservation checking = store.create(new Reservation(id, who.requesterId(), who.correlationId(), vi, now),
                        (r, allocator) -> {
                    r.moveTo(ReservationState.ReserveChecking, now);
                    r.recordRequestDigest(digest);
                    r.beginHold(UUID.randomUUID().toString(), holdExpires);
                    r.replacePlacement(placedNodes(vi, plan, id, allocator), allocatedSegments(vi, id, allocator),
                            plan.participants());
                    bookings.book(id, vi.window(), plan.placement().interSite());
                });
                LOG.info(() -> "reservation " + id + " for tenant " + vi.tenant() + ": placed on "
                        + plan.placement().sites() + " (inter-site " + plan.placement().interSite() + "), preparing at "
                        + checking.participants().size() + " participants");
                return checking;
            } catch (PlacementRefusedException raced) {
                if (attempt == 3) {
                    throw raced;
                }
                LOG.info(() -> "reservation " + id + ": " + raced.getMessage() + "; placing again");
            }
        }
    }

    private Reservation commitNow(Requester who, ReservationId id) {
        Reservation r = owned(who, id);
        if (r.committed()) {
            return r;
        }
        if (r.reservationState() != ReservationState.ReserveCommitting) {
            r = store.update(id, res -> {
                if (res.reservationState() == ReservationState.ReserveTimeout) {
                    throw new IllegalTransitionException("reservation " + id + " timed out: its hold expired at "
                            + res.holdExpires().orElse(null) + " and was released everywhere; reserve again");
                }
                if (!res.committed() && res.reservationState() != ReservationState.ReserveCommitting) {
                    res.moveTo(ReservationState.ReserveCommitting, clock.instant());
                }
            });
            if (r.committed()) {
                return r;
            }
            killSwitch.reached("commit.decided");
        }
        return finishCommit(r, who);
    }

    private Reservation abortNow(Requester who, ReservationId id) {
        Reservation r = owned(who, id);
        if (r.committed()) {
            throw new IllegalTransitionException("reservation " + id + " is committed; use terminate to end it");
        }
        if (r.lifecycleState() == LifecycleState.Terminated) {
            return r;
        }
        if (r.reservationState() == ReservationState.ReserveCommitting) {
            throw new IllegalTransitionException("reservation " + id + " is being committed (the decision is recorded);"
                    + " terminate it once the commit has finished");
        }
        if (r.reservationState() != ReservationState.ReserveAborting) {
            r = store.update(id, res -> {
                if (res.reservationState() != ReservationState.ReserveAborting) {
                    res.moveTo(ReservationState.ReserveAborting, clock.instant());
                }
            });
        }
        return finishAbort(r, who);
    }

    private Reservation provisionNow(Requester who, ReservationId id) {
        Reservation r = owned(who, id);
        if (!r.committed() || r.lifecycleState() != LifecycleState.Created) {
            throw new IllegalTransitionException("reservation " + id + " cannot be provisioned: it is "
                    + (r.committed() ? r.lifecycleState() : "not committed (" + r.reservationState() + ")"));
        }
        if (r.provisionState() == ProvisionState.Provisioned) {
            return r;
        }
        if (r.provisionState() != ProvisionState.Provisioning) {
            r = store.update(id, res -> res.moveTo(ProvisionState.Provisioning, clock.instant()));
        }
        if (!r.window().hasStarted(clock.instant())) {
            Instant start = r.window().start();
            LOG.info(() -> "reservation " + id + " provisioned; its L1 nodes start at " + start);
            return store.update(id, res -> res.moveTo(ProvisionState.Provisioned, clock.instant()));
        }
        try {
            coAllocator.activate(r, tx(r, who));
        } catch (ActivationFailedException failed) {
            store.update(id, res -> {
                res.recordError(failed.kind(), "provision failed: " + failed.getMessage(), clock.instant());
                // What could not be undone is left to the sweeper, which releases it until it is gone.
                res.moveTo(failed.undone() ? ProvisionState.Released : ProvisionState.Releasing, clock.instant());
            });
            throw failed;
        }
        return store.update(id, res -> {
            res.moveTo(ProvisionState.Provisioned, clock.instant());
            res.markDataPlane(true, clock.instant());
            res.countActivation(true, clock.instant());
        });
    }

    private Reservation releaseNow(Requester who, ReservationId id) {
        Reservation r = owned(who, id);
        if (r.provisionState() == ProvisionState.Released) {
            return r;
        }
        if (r.provisionState() != ProvisionState.Releasing) {
            r = store.update(id, res -> {
                if (res.provisionState() != ProvisionState.Releasing) {
                    res.moveTo(ProvisionState.Releasing, clock.instant());
                }
            });
        }
        return finishRelease(r, who);
    }

    private Reservation terminateNow(Requester who, ReservationId id) {
        Reservation r = owned(who, id);
        if (r.lifecycleState() == LifecycleState.Terminated) {
            return r;
        }
        if (!r.committed()) {
            return abortNow(who, id);
        }
        if (r.lifecycleState() != LifecycleState.Terminating) {
            r = store.update(id, res -> {
                if (res.lifecycleState() != LifecycleState.Terminating) {
                    res.moveTo(LifecycleState.Terminating, clock.instant());
                }
            });
        }
        return finishTerminate(r, who, LifecycleState.Terminated);
    }

    public Reservation commit(Requester who, ReservationId id) {
        return inFlight.during(id, () -> commitNow(who, id));
    }

    public Reservation abort(Requester who, ReservationId id) {
        return inFlight.during(id, () -> abortNow(who, id));
    }

    public Reservation provision(Requester who, ReservationId id) {
        return inFlight.during(id, () -> provisionNow(who, id));
    }

    public Reservation release(Requester who, ReservationId id) {
        return inFlight.during(id, () -> releaseNow(who, id));
    }

    public Reservation terminate(Requester who, ReservationId id) {
        return inFlight.during(id, () -> terminateNow(who, id));
    }

    public List<Reservation> query(Requester who, List<ReservationId> ids, String tenant) {
        if (ids.isEmpty()) {
            return store.byRequester(who.requesterId(), tenant);
        }
        List<Reservation> found = new ArrayList<>();
        for (ReservationId id : ids) {
            store.read(repo -> repo.find(id)).filter(r -> r.requesterId().equals(who.requesterId()))
                    .filter(r -> tenant == null || tenant.equals(r.tenant())).ifPresent(found::add);
        }
        return found;
    }

    // ---- steps also taken by the timers (hold expiry, window start and end, recovery) ----

    Reservation finishCommit(Reservation r, Requester who) {
        List<StepFailure> failures = coAllocator.commitAll(r, tx(r, who));
        List<StepFailure> refusals = failures.stream().filter(StepFailure::refused).toList();
        if (!refusals.isEmpty()) {
            return rollBackCommit(r, who, refusals);
        }
        if (!failures.isEmpty()) {
            throw unfinished(r, "commit is decided and recorded, but ", failures);
        }
        LOG.info(() -> "reservation " + r.id() + " committed at every participant");
        return store.update(r.id(), res -> res.markCommitted(clock.instant()));
    }

    /**
     * A participant answered that it cannot commit (its hold lapsed before the commit reached it, or it holds the
     * reservation for another transaction): the commit can never finish, so it is undone at every participant and
     * the reservation ends, with the reason for the requester.
     */
    private Reservation rollBackCommit(Reservation r, Requester who, List<StepFailure> refusals) {
        String reason = "the commit could not finish: " + String.join("; ",
                refusals.stream().map(StepFailure::describe).toList())
                + ". It was undone at every participant and nothing is held; reserve again";
        LOG.warning(() -> "reservation " + r.id() + ": " + reason);
        Reservation aborting = store.update(r.id(), res -> {
            res.recordError(FaultKind.CONFLICT, reason, clock.instant());
            res.rollBackCommit(clock.instant());
        });
        finishAbort(aborting, who);
        throw new BrokerException(FaultKind.CONFLICT, "reservation " + r.id() + ": " + reason);
    }

    Reservation finishAbort(Reservation r, Requester who) {
        requireDone(r, "abort is recorded, but ", coAllocator.abortAll(r, tx(r, who)));
        return store.updateWithAllocator(r.id(), (res, allocator) -> {
            res.settleReservationState(clock.instant());
            endLifecycle(res, allocator, clock.instant());
        });
    }

    /**
     * A teardown step is done when every participant did it, or when those that could not be reached have certainly
     * dropped the reservation on their own (their lease ran out); otherwise it stays recorded and is retried.
     */
    private void requireDone(Reservation r, String prefix, List<StepFailure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        if (!participantLeasesLapsed(r)) {
            throw unfinished(r, prefix, failures);
        }
        LOG.warning(() -> "reservation " + r.id() + ": " + prefix + String.join("; ",
                failures.stream().map(StepFailure::describe).toList()) + "; each of them has dropped it by itself,"
                + " its own lease having run out");
    }

    /**
     * Whether every participant has dropped the reservation on its own by now: a hold lapses at the broker's hold
     * time plus {@link #PARTICIPANT_GRACE}; a commit at the window's end plus the participants' teardown grace.
     */
    boolean participantLeasesLapsed(Reservation r) {
        Instant now = clock.instant();
        Instant lapse = r.holdExpires().map(h -> h.plus(PARTICIPANT_GRACE))
                .orElse(r.window().end().plus(recovery.participantTeardownGrace()));
        return !now.isBefore(lapse);
    }

    /** A hold that timed out: released everywhere; the reservation stays ReserveTimeout and ends. */
    Reservation finishTimeout(Reservation r, Requester who) {
        requireDone(r, "the hold timed out, but releasing it failed: ", coAllocator.abortAll(r, tx(r, who)));
        return store.updateWithAllocator(r.id(), (res, allocator) -> endLifecycle(res, allocator, clock.instant()));
    }

    /** A reserve that did not finish preparing (its broker stopped): released everywhere, and failed with the reason. */
    Reservation failChecking(Reservation r, Requester who, String reason) {
        requireDone(r, "the reserve did not finish, and releasing its holds failed: ",
                coAllocator.abortAll(r, tx(r, who)));
        return store.updateWithAllocator(r.id(), (res, allocator) -> {
            res.recordError(FaultKind.UNAVAILABLE, reason, clock.instant());
            res.moveTo(ReservationState.ReserveFailed, clock.instant());
            endLifecycle(res, allocator, clock.instant());
        });
    }

    Reservation finishRelease(Reservation r, Requester who) {
        requireDone(r, "release is recorded, but ", coAllocator.deactivateAll(r, tx(r, who)));
        return store.update(r.id(), res -> {
            res.moveTo(ProvisionState.Released, clock.instant());
            res.markDataPlane(false, clock.instant());
        });
    }

    Reservation finishTerminate(Reservation r, Requester who, LifecycleState end) {
        requireDone(r, "termination is recorded, but ", coAllocator.terminateAll(r, tx(r, who)));
        LOG.info(() -> "reservation " + r.id() + " ended (" + end + "): nothing is left at any participant");
        return store.updateWithAllocator(r.id(), (res, allocator) -> {
            Instant now = clock.instant();
            if (res.provisionState() == ProvisionState.Provisioned) {
                res.moveTo(ProvisionState.Releasing, now);
            }
            if (res.provisionState() != ProvisionState.Released) {
                res.moveTo(ProvisionState.Released, now);
            }
            res.markDataPlane(false, now);
            res.settleReservationState(now);
            if (end != LifecycleState.PassedEndTime) {
                endLifecycle(res, allocator, now);
            } else if (res.lifecycleState() == LifecycleState.Created) {
                res.moveTo(LifecycleState.PassedEndTime, now);
                allocator.releaseAll(res.id());
            }
        });
    }

    /** Starts a provisioned reservation whose window has begun (called by the timekeeper). */
    void activateNow(Reservation r, Requester who) {
        if (!r.committed() || r.provisionState() != ProvisionState.Provisioned || r.dataPlaneActive()
                || !r.window().hasStarted(clock.instant())) {
            return;
        }
        try {
            coAllocator.activate(r, tx(r, who));
        } catch (ActivationFailedException failed) {
            store.update(r.id(), res -> {
                Instant now = clock.instant();
                int attempts = res.countActivation(false, now);
                boolean giveUp = attempts >= MAX_ACTIVATION_ATTEMPTS;
                res.recordError(failed.kind(), "starting the L1 nodes at the window's start failed (attempt "
                        + attempts + " of " + MAX_ACTIVATION_ATTEMPTS + "): " + failed.getMessage()
                        + (giveUp ? ". The broker stopped trying: provision again to retry" : ". Retrying"), now);
                if (giveUp || !failed.undone()) {
                    // Released once nothing is left anywhere; the sweeper finishes what the undo could not.
                    res.moveTo(ProvisionState.Releasing, now);
                }
                if (giveUp && failed.undone()) {
                    res.moveTo(ProvisionState.Released, now);
                }
            });
            throw failed;
        }
        LOG.info(() -> "reservation " + r.id() + ": window started, L1 nodes running and segments stitched");
        store.update(r.id(), res -> {
            res.markDataPlane(true, clock.instant());
            res.countActivation(true, clock.instant());
        });
    }

    Reservation owned(Requester who, ReservationId id) {
        return store.read(repo -> repo.find(id)).filter(r -> r.requesterId().equals(who.requesterId()))
                .orElseThrow(() -> new NotFoundException(id));
    }

    /** A site refused a placement for lack of capacity that it had when the broker read it. */
    private static final class StalePlacement extends RuntimeException {
        StalePlacement(BrokerException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    static TxContext tx(Reservation r, Requester who) {
        return new TxContext(r.id(), r.transactionId(), who.correlationId(), who.requesterId());
    }

    private BrokerException unfinished(Reservation r, String prefix, List<StepFailure> failures) {
        String message = prefix + String.join("; ", failures.stream().map(StepFailure::describe).toList())
                + ". The broker retries every "
                + settings.sweepInterval().toSeconds() + " s until every participant has done it.";
        store.update(r.id(), res -> res.recordError(FaultKind.UNAVAILABLE, message, clock.instant()));
        return new BrokerException(FaultKind.UNAVAILABLE, "reservation " + r.id() + ": " + message);
    }

    /** Terminated, with its VNIs and MACs free again; ending an ended reservation changes nothing. */
    static void endLifecycle(Reservation r, AddressAllocator allocator, Instant now) {
        if (r.lifecycleState() == LifecycleState.Terminated) {
            return;
        }
        if (r.lifecycleState() != LifecycleState.Terminating) {
            r.moveTo(LifecycleState.Terminating, now);
        }
        r.moveTo(LifecycleState.Terminated, now);
        allocator.releaseAll(r.id());
    }

    private static List<ReservedNode> placedNodes(VirtualInfrastructureSpec vi, ReservationPlanner.Plan plan,
                                                  ReservationId id, AddressAllocator allocator) {
        List<ReservedNode> nodes = new ArrayList<>();
        for (NodeSpec spec : vi.nodes()) {
            List<NicAssignment> nics = new ArrayList<>();
            for (NicSpec nic : spec.nics()) {
                String mac = nic.fixedMac().orElse(null);
                if (mac == null) {
                    mac = allocator.allocateMac(id);
                } else {
                    allocator.claimMac(mac, id);
                }
                nics.add(new NicAssignment(nic.segment(), mac, nic.ipv4(), NicBandwidth.derive(vi, spec, nic)));
            }
            NodeLocation at = plan.placement().of(spec.name());
            ReservedNode node = new ReservedNode(spec, at.site(), at.host(), nics);
            boolean pinnedToHost = vi.constraints().pin(spec.name()).map(p -> p.host() != null).orElse(false);
            boolean antiAffine = vi.constraints().antiAffinity().stream()
                    .anyMatch(g -> g.nodes().contains(spec.name()));
            if (pinnedToHost || antiAffine) {
                node.bindHost();
            }
            nodes.add(node);
        }
        return nodes;
    }

    private static List<ReservedSegment> allocatedSegments(VirtualInfrastructureSpec vi, ReservationId id,
                                                           AddressAllocator allocator) {
        List<ReservedSegment> segments = new ArrayList<>();
        for (SegmentSpec spec : vi.segments()) {
            segments.add(new ReservedSegment(spec, allocator.allocateVni(id)));
        }
        return segments;
    }
}
