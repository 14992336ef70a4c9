package io.isthmus.broker.application.coallocation;

import io.isthmus.broker.domain.reservation.BrokerException;
import io.isthmus.broker.domain.reservation.Participant;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.ReservedNode;
import io.isthmus.broker.domain.reservation.ReservedSegment;
import io.isthmus.broker.domain.site.GatewayClient;
import io.isthmus.broker.domain.site.OpenVpnOffer;
import io.isthmus.broker.domain.site.SiteNicOrder;
import io.isthmus.broker.domain.site.SiteNodeOrder;
import io.isthmus.broker.domain.site.SiteRmsClient;
import io.isthmus.broker.domain.site.TxContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives the participants of one reservation through the two phases and the data-plane steps. It never touches
 * the database: the reservation service records each decision before calling here, so a restarted broker can
 * call the same idempotent step again.
 */
@ApplicationScoped
public class CoAllocator {
    private static final Logger LOG = Logger.getLogger(CoAllocator.class.getName());
    private static final String OPENVPN = "openvpn";

    @Inject
    SiteRmsClient sites;
    @Inject
    GatewayClient gateways;

    /** Phase one everywhere; if any participant refuses, every participant is aborted and the refusal raised. */
    public Map<String, String> prepareAll(Reservation r, TxContext tx, Instant participantHoldExpires) {
        Map<String, String> hosts = new HashMap<>();
        try {
            for (Participant p : r.participants()) {
                if (p.role() == Participant.Role.SITE) {
                    hosts.putAll(sites.prepare(p.endpoint(), tx, r.tenant(), r.window(), participantHoldExpires,
                            siteOrders(r, p.participantId())));
                } else {
                    gateways.prepare(p.endpoint(), tx, r.window(), participantHoldExpires, StitchPlanner.ordersFor(r, p));
                }
                LOG.info(() -> "reservation " + tx.reservationId() + ": " + p.participantId() + " holds");
            }
        } catch (BrokerException refused) {
            LOG.info(() -> "reservation " + tx.reservationId() + ": prepare refused (" + refused.getMessage()
                    + "); aborting at every participant");
            List<String> failures = abortAll(r, tx);
            failures.forEach(f -> refused.addSuppressed(new IllegalStateException(f)));
            throw refused;
        }
        return hosts;
    }

    /** Phase two: commit everywhere; answers what failed (empty: all committed). */
    public List<String> commitAll(Reservation r, TxContext tx) {
        return forEach(r, "commit", p -> {
            if (p.role() == Participant.Role.SITE) {
                sites.commit(p.endpoint(), tx);
            } else {
                gateways.commit(p.endpoint(), tx);
            }
        });
    }

    /** Drops every hold or booking; answers what failed (their holds still expire on their own). */
    public List<String> abortAll(Reservation r, TxContext tx) {
        return forEach(r, "abort", p -> {
            if (p.role() == Participant.Role.SITE) {
                sites.abort(p.endpoint(), tx);
            } else {
                gateways.abort(p.endpoint(), tx);
            }
        });
    }

    /** Starts the L1 VMs at every site, then stitches every gateway; undoes all of it if any step fails. */
    public void activate(Reservation r, TxContext tx) {
        try {
            for (Participant p : r.participants()) {
                if (p.role() == Participant.Role.SITE) {
                    sites.provision(p.endpoint(), tx);
                }
            }
            Map<String, List<OpenVpnOffer>> offers = openVpnOffers(r);
            for (Participant p : r.participants()) {
                if (p.isGateway()) {
                    gateways.stitch(p.endpoint(), tx, offers.isEmpty() ? List.of()
                            : StitchPlanner.peerEndpointsFor(r, p, offers));
                }
            }
        } catch (BrokerException failed) {
            LOG.warning(() -> "reservation " + tx.reservationId() + ": activation failed (" + failed.getMessage()
                    + "); undoing it");
            deactivate(r, tx).forEach(f -> failed.addSuppressed(new IllegalStateException(f)));
            throw failed;
        }
    }

    /** Unstitches every gateway, then stops and removes the L1 VMs at every site; answers what failed. */
    public List<String> deactivate(Reservation r, TxContext tx) {
        List<String> failures = forEach(r, "unstitch", p -> {
            if (p.isGateway()) {
                gateways.unstitch(p.endpoint(), tx);
            }
        });
        failures.addAll(forEach(r, "release", p -> {
            if (p.role() == Participant.Role.SITE) {
                sites.release(p.endpoint(), tx);
            }
        }));
        return failures;
    }

    /** Frees everything of a committed reservation at every participant; answers what failed. */
    public List<String> terminateAll(Reservation r, TxContext tx) {
        List<String> failures = deactivate(r, tx);
        failures.addAll(forEach(r, "terminate", p -> {
            if (p.role() == Participant.Role.SITE) {
                sites.terminate(p.endpoint(), tx);
            } else {
                gateways.abort(p.endpoint(), tx);
            }
        }));
        return failures;
    }

    /** For an openvpn reservation every gateway's offers by its tunnel address; empty for other kinds. */
    private Map<String, List<OpenVpnOffer>> openVpnOffers(Reservation r) {
        Map<String, List<OpenVpnOffer>> offers = new HashMap<>();
        if (!OPENVPN.equals(r.tunnelKind())) {
            return offers;
        }
        for (Participant p : r.participants()) {
            if (p.isGateway()) {
                offers.put(p.tunnelAddress(), gateways.openVpnOffers(p.endpoint(), r.id().value()));
            }
        }
        return offers;
    }

    static List<SiteNodeOrder> siteOrders(Reservation r, String site) {
        List<SiteNodeOrder> orders = new ArrayList<>();
        for (ReservedNode n : r.nodes()) {
            if (n.site().equals(site)) {
                List<SiteNicOrder> nics = n.nics().stream().map(nic -> {
                    ReservedSegment segment = r.segment(nic.segment()).orElseThrow();
                    return new SiteNicOrder(nic.segment(), segment.vni(), nic.mac(), nic.ipv4(),
                            prefixLength(segment.cidr()), nic.bandwidth());
                }).toList();
                orders.add(new SiteNodeOrder(n.name(), n.vcpus(), n.memoryMib(), n.diskGib(), n.image(), n.nested(),
                        n.host().orElse(null), nics));
            }
        }
        return orders;
    }

    /** The prefix length of a validated CIDR such as 10.0.0.0/24, or null for a segment without one. */
    static Integer prefixLength(String cidr) {
        return cidr == null ? null : Integer.valueOf(cidr.substring(cidr.indexOf('/') + 1));
    }

    private interface Step {
        void run(Participant p);
    }

    private static List<String> forEach(Reservation r, String what, Step step) {
        List<String> failures = new ArrayList<>();
        for (Participant p : r.participants()) {
            try {
                step.run(p);
            } catch (BrokerException e) {
                LOG.log(Level.WARNING, "reservation " + r.id() + ": " + what + " at " + p.participantId()
                        + " failed: " + e.getMessage(), e);
                failures.add(what + " at " + p.participantId() + " (" + endpoint(p.endpoint()) + "): " + e.getMessage());
            }
        }
        return failures;
    }

    private static String endpoint(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }
}
