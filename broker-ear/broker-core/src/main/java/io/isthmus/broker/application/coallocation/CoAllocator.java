package io.isthmus.broker.application.coallocation;

import io.isthmus.broker.domain.reservation.BrokerException;
import io.isthmus.broker.domain.reservation.FaultKind;
import io.isthmus.broker.domain.reservation.Participant;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.TunnelKind;
import io.isthmus.broker.domain.site.GatewayClient;
import io.isthmus.broker.domain.site.OpenVpnOffer;
import io.isthmus.broker.domain.site.SiteRmsClient;
import io.isthmus.broker.domain.site.TxContext;
import io.isthmus.broker.infrastructure.fault.KillSwitch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives the participants of one reservation through the two phases and the data-plane steps. It never touches
 * the database: the reservation service records each decision before calling here, so a restarted broker can
 * call the same idempotent step again. Teardown steps (abort, deactivate, terminate) count a participant that
 * holds nothing for the reservation (NOT_FOUND) as done: there is nothing left there to free.
 */
@ApplicationScoped
public class CoAllocator {
    private static final Logger LOG = Logger.getLogger(CoAllocator.class.getName());

    @Inject
    SiteRmsClient sites;
    @Inject
    GatewayClient gateways;
    @Inject
    KillSwitch killSwitch;

    /** Phase one everywhere; if any participant refuses, every participant is aborted and the refusal raised. */
    public Map<String, String> prepareAll(Reservation r, TxContext tx, Instant participantHoldExpires) {
        Map<String, String> hosts = new HashMap<>();
        try {
            for (ParticipantPort p : ports(r)) {
                try {
                    hosts.putAll(p.prepare(tx, participantHoldExpires));
                } catch (BrokerException e) {
                    throw new BrokerException(e.kind(), new StepFailure(id(p), endpoint(p), "prepare", e).describe(),
                            e.details(), e);
                }
                LOG.info(() -> "reservation " + tx.reservationId() + ": " + id(p) + " holds");
                killSwitch.reached("prepare.done:" + id(p));
            }
        } catch (BrokerException refused) {
            LOG.info(() -> "reservation " + tx.reservationId() + ": prepare refused (" + refused.getMessage()
                    + "); aborting at every participant");
            abortAll(r, tx).forEach(f -> refused.addSuppressed(new IllegalStateException(f.describe())));
            throw refused;
        }
        return hosts;
    }

    /** Phase two: commit everywhere; answers what failed (empty: all committed). */
    public List<StepFailure> commitAll(Reservation r, TxContext tx) {
        return forEach(r, "commit", false, p -> p.commit(tx));
    }

    /** Drops every hold or booking; answers what failed. */
    public List<StepFailure> abortAll(Reservation r, TxContext tx) {
        return forEach(r, "abort", true, p -> p.abort(tx));
    }

    /**
     * Starts the L1 VMs at every site, then stitches every gateway. If any step fails, undoes all of it and raises
     * an {@link ActivationFailedException} that says whether the undo finished.
     */
    public void activate(Reservation r, TxContext tx) {
        try {
            List<ParticipantPort> ports = ports(r);
            Map<String, List<OpenVpnOffer>> offers = new HashMap<>();
            for (ParticipantPort p : ports) {
                if (p.stage() == 1 && offers.isEmpty() && r.tunnelKind() == TunnelKind.OPENVPN) {
                    offers = openVpnOffers(ports);
                }
                try {
                    p.activate(tx, offers);
                } catch (BrokerException e) {
                    throw new BrokerException(e.kind(), new StepFailure(id(p), endpoint(p), "activate", e).describe(),
                            e.details(), e);
                }
                killSwitch.reached("activate.done:" + id(p));
            }
        } catch (BrokerException failed) {
            LOG.warning(() -> "reservation " + tx.reservationId() + ": activation failed (" + failed.getMessage()
                    + "); undoing it");
            throw new ActivationFailedException(failed, deactivateAll(r, tx));
        }
    }

    /** Unstitches every gateway, then stops and removes the L1 VMs at every site; answers what failed. */
    public List<StepFailure> deactivateAll(Reservation r, TxContext tx) {
        return forEach(r, "deactivate", true, p -> p.deactivate(tx));
    }

    /** Frees everything of a committed reservation at every participant, gateways first; answers what failed. */
    public List<StepFailure> terminateAll(Reservation r, TxContext tx) {
        return forEach(r, "terminate", true, p -> p.terminate(tx));
    }

    /** Every participant of {@code r} as a port, sites (stage 0) before gateways, in the recorded order. */
    List<ParticipantPort> ports(Reservation r) {
        List<ParticipantPort> ports = new ArrayList<>();
        for (Participant p : r.participants()) {
            ports.add(p.isGateway() ? new GatewayParticipant(r, p, gateways) : new SiteParticipant(r, p, sites));
        }
        ports.sort(Comparator.comparingInt(ParticipantPort::stage));
        return ports;
    }

    private static Map<String, List<OpenVpnOffer>> openVpnOffers(List<ParticipantPort> ports) {
        Map<String, List<OpenVpnOffer>> offers = new HashMap<>();
        for (ParticipantPort p : ports) {
            if (p.stage() == 1) {
                offers.put(p.participant().tunnelAddress().orElseThrow(), p.openVpnOffers());
            }
        }
        return offers;
    }

    private interface Step {
        void run(ParticipantPort p);
    }

    /** Runs a step at every participant; a teardown runs gateways first and counts "holds nothing" as done. */
    private List<StepFailure> forEach(Reservation r, String what, boolean teardown, Step step) {
        List<ParticipantPort> ports = ports(r);
        if (teardown) {
            ports.sort(Comparator.comparingInt(ParticipantPort::stage).reversed());
        }
        List<StepFailure> failures = new ArrayList<>();
        for (ParticipantPort p : ports) {
            try {
                step.run(p);
            } catch (BrokerException e) {
                if (teardown && e.kind() == FaultKind.NOT_FOUND) {
                    LOG.info(() -> "reservation " + r.id() + ": " + what + " at " + id(p)
                            + ": it holds nothing for this reservation any more, nothing to do");
                } else {
                    LOG.log(Level.WARNING, "reservation " + r.id() + ": " + what + " at " + id(p) + " failed: "
                            + e.getMessage(), e);
                    failures.add(new StepFailure(id(p), endpoint(p), what, e));
                    continue;
                }
            }
            killSwitch.reached(what + ".done:" + id(p));
        }
        return failures;
    }

    private static String endpoint(ParticipantPort p) {
        return p.participant().endpoint().getHost() + ":" + p.participant().endpoint().getPort();
    }

    private static String id(ParticipantPort p) {
        return p.participant().participantId();
    }
}
