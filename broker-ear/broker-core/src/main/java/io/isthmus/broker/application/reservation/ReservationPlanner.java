package io.isthmus.broker.application.reservation;

import io.isthmus.broker.domain.placement.ImageAvailability;
import io.isthmus.broker.domain.placement.InterSiteBookings;
import io.isthmus.broker.domain.placement.InterSiteLink;
import io.isthmus.broker.domain.placement.Placement;
import io.isthmus.broker.domain.placement.PlacementEngine;
import io.isthmus.broker.domain.placement.SiteOffer;
import io.isthmus.broker.domain.placement.Substrate;
import io.isthmus.broker.domain.reservation.BrokerException;
import io.isthmus.broker.domain.reservation.FaultKind;
import io.isthmus.broker.domain.reservation.Participant;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import io.isthmus.broker.domain.site.GatewayClient;
import io.isthmus.broker.domain.site.GatewayInfo;
import io.isthmus.broker.domain.site.SiteCapacityView;
import io.isthmus.broker.domain.site.SiteDirectory;
import io.isthmus.broker.domain.site.SiteRmsClient;
import io.isthmus.broker.infrastructure.config.BrokerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.isthmus.broker.domain.site.SiteId;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Decides where a request goes before anything is held: asks the allowed sites for their capacity (and image
 * catalog) over the window, refuses images none of them has, runs the placement engine, and checks that every
 * gateway involved can carry the tunnel kind.
 */
@ApplicationScoped
public class ReservationPlanner {
    private static final Logger LOG = Logger.getLogger(ReservationPlanner.class.getName());

    @Inject
    SiteDirectory directory;
    @Inject
    SiteRmsClient sites;
    @Inject
    GatewayClient gateways;
    @Inject
    PlacementEngine engine;
    @Inject
    InterSiteBookings bookings;
    @Inject
    BrokerSettings settings;

    /** A placement and the participants it involves. */
    public record Plan(Placement placement, List<Participant> participants) {
    }

    public Plan plan(VirtualInfrastructureSpec vi) {
        Map<String, SiteCapacityView> views = capacities(vi);
        for (SiteCapacityView v : views.values()) {
            if (v.gatewayEndpoint().normalize().equals(vi.requesterGateway().endpoint().normalize())) {
                throw siteGatewayNamed(vi, v.offer().site());
            }
        }
        List<SiteOffer> offers = views.values().stream().map(v -> new SiteOffer(v.offer().site(), v.offer().hosts(),
                settings.connectivity(v.offer().site()), settings.costPerCore(v.offer().site()), v.offer().images()))
                .toList();
        List<String> allowed = vi.constraints().allowedSites();
        ImageAvailability.check(vi, offers, directory.sites().keySet().stream()
                .filter(s -> (allowed.isEmpty() || allowed.contains(s)) && !views.containsKey(s)).toList());
        List<InterSiteLink> links = bookings.links(vi.window()).stream()
                .filter(l -> views.containsKey(l.siteA()) && views.containsKey(l.siteB())).toList();
        Placement placement = engine.place(vi, new Substrate(offers, links));
        LOG.fine(() -> "placement of tenant " + vi.tenant() + ": " + placement.sites() + ", inter-site "
                + placement.interSite() + ", objective " + placement.cost());
        List<Participant> participants = new ArrayList<>();
        for (String site : placement.sites()) {
            SiteCapacityView view = views.get(site);
            participants.add(Participant.site(new SiteId(site), directory.sites().get(site)));
            GatewayInfo gw = gatewayReady(view.gatewayId(), view.gatewayEndpoint(), vi.requesterGateway().tunnelKind());
            participants.add(Participant.siteGateway(view.gatewayId(), view.gatewayEndpoint(), gw.tunnelAddress(),
                    new SiteId(site)));
        }
        GatewayInfo requester = gatewayReady(vi.requesterGateway().id(), vi.requesterGateway().endpoint(),
                vi.requesterGateway().tunnelKind());
        for (Participant p : participants) {
            if (p.isGateway() && p.tunnelAddress().filter(requester.tunnelAddress()::equals).isPresent()) {
                throw siteGatewayNamed(vi, p.site().map(SiteId::value).orElse(p.participantId()));
            }
        }
        participants.add(Participant.requesterGateway(vi.requesterGateway().id(), vi.requesterGateway().endpoint(),
                requester.tunnelAddress()));
        return new Plan(placement, participants);
    }

    /** A tenant names its own data centre's gateway, never a provider site's (found by URL or tunnel address). */
    private static BrokerException siteGatewayNamed(VirtualInfrastructureSpec vi, String site) {
        return new BrokerException(FaultKind.VALIDATION, "requesterGateway.endpoint: "
                + vi.requesterGateway().endpoint() + " is the gateway of provider site " + site
                + "; name the gateway of your own data centre");
    }

    private Map<String, SiteCapacityView> capacities(VirtualInfrastructureSpec vi) {
        List<String> allowed = vi.constraints().allowedSites();
        for (String site : allowed) {
            if (!directory.sites().containsKey(site)) {
                throw new BrokerException(FaultKind.VALIDATION, "constraints.allowedSite: no site '" + site
                        + "' in this federation; known sites: " + directory.sites().keySet());
            }
        }
        Map<String, SiteCapacityView> views = new LinkedHashMap<>();
        List<String> unreachable = new ArrayList<>();
        for (Map.Entry<String, URI> site : directory.sites().entrySet()) {
            if (!allowed.isEmpty() && !allowed.contains(site.getKey())) {
                continue;
            }
            try {
                views.put(site.getKey(), sites.capacity(site.getKey(), site.getValue(), vi.window()));
            } catch (BrokerException e) {
                LOG.warning(() -> "site " + site.getKey() + " left out of placement: " + e.getMessage());
                unreachable.add(site.getKey() + " (" + e.getMessage() + ")");
            }
        }
        if (views.isEmpty()) {
            throw new BrokerException(FaultKind.UNAVAILABLE, "no provider site answered a capacity query: "
                    + (unreachable.isEmpty() ? "no site is configured (isthmus.sites)" : String.join("; ", unreachable)));
        }
        if (!unreachable.isEmpty()) {
            LOG.info(() -> "placing without " + unreachable);
        }
        return views;
    }

    private GatewayInfo gatewayReady(String id, URI endpoint, String kind) {
        GatewayInfo info = gateways.status(endpoint);
        if (!info.availableKinds().contains(kind)) {
            String why = info.unavailableKinds().getOrDefault(kind, "not supported");
            throw new BrokerException(FaultKind.UNAVAILABLE, "gateway " + id + " cannot carry " + kind
                    + " tunnels: " + why + "; it can carry " + info.availableKinds());
        }
        return info;
    }
}
