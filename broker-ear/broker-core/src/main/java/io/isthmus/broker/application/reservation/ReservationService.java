package io.isthmus.broker.application.reservation;

import io.isthmus.broker.application.coallocation.ActivationFailedException;
import io.isthmus.broker.application.coallocation.CoAllocator;
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
import io.isthmus.broker.infrastructure.config.BrokerSettings;
import io.isthmus.broker.infrastructure.config.ReservationLimits;
import io.isthmus.broker.infrastructure.fault.KillSwitch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.isthmus.broker.domain.site.HostName;
import io.isthmus.broker.domain.site.SiteId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The BrokerService use cases. Each records its decision in the database, then takes the step at the sites and
 * gateways ({@link TransitionSteps}, through {@link CoAllocator}), so that a broker restarted at any point finishes
 * or undoes what it began.
 */
@ApplicationScoped
public class ReservationService {
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
    TransitionSteps steps;
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
            var hosts = coAllocator.prepareAll(checking, TransitionSteps.tx(checking, who), holdExpires.plus(TransitionSteps.PARTICIPANT_GRACE));
            Reservation held = store.update(id, r -> {
                r.nodes().forEach(n -> Optional.ofNullable(hosts.get(n.name())).map(HostName::new).ifPresent(n::assignHost));
                r.moveTo(ReservationState.ReserveHeld, clock.instant());
            });
            killSwitch.reached("reserve.held");
            return held;
        } catch (BrokerException refused) {
            if (!lastAttempt && refused.kind() == FaultKind.CAPACITY && refused.getSuppressed().length == 0) {
                store.forget(id);
                throw new StalePlacement(refused);
            }
            boolean released = refused.getSuppressed().length == 0;
            store.updateWithAllocator(id, (r, allocator) -> {
                Instant at = clock.instant();
                r.recordError(refused.kind(), refused.getMessage(), at);
                r.moveTo(ReservationState.ReserveFailed, at);
                if (released) {
                    TransitionSteps.endLifecycle(r, allocator, at);
                }
                // otherwise a participant could not be told to let go: the sweeper releases it, then it ends
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
        return steps.finishCommit(r, who);
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
        return steps.finishAbort(r, who);
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
            coAllocator.activate(r, TransitionSteps.tx(r, who));
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
        return steps.finishRelease(r, who);
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
        return steps.finishTerminate(r, who, LifecycleState.Terminated);
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

    Reservation owned(Requester who, ReservationId id) {
        return store.ofRequester(who, id);
    }

    /** A site refused a placement for lack of capacity that it had when the broker read it. */
    private static final class StalePlacement extends RuntimeException {
        StalePlacement(BrokerException cause) {
            super(cause.getMessage(), cause, false, false);
        }
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
            ReservedNode node = new ReservedNode(spec, new SiteId(at.site()), new HostName(at.host()), nics);
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
