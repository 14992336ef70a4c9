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
import io.isthmus.broker.domain.site.RequesterGateway;
import io.isthmus.broker.domain.site.SiteCapacityView;
import io.isthmus.broker.domain.site.SiteDirectory;
import io.isthmus.broker.domain.site.SiteRmsClient;
import io.isthmus.broker.infrastructure.config.BrokerSettings;
import io.isthmus.broker.infrastructure.config.RequesterGatewaySettings;
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
    @Inject
    RequesterGatewaySettings requesterGateways;

    /** A placement and the participants it involves. */
    public record Plan(Placement placement, List<Participant> participants) {
    }

    public Plan plan(VirtualInfrastructureSpec vi) {
        RequesterGateway requesterGateway = requesterGateways.gateways().authorize(vi.tenant(),
                vi.requesterGateway().id(), vlans(vi));
        Map<String, SiteCapacityView> views = capacities(vi);
        for (SiteCapacityView v : views.values()) {
            if (v.gatewayEndpoint().normalize().equals(requesterGateway.endpoint().normalize())) {
                throw siteGatewayRegistered(requesterGateway, v.offer().site());
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
        GatewayInfo requester = gatewayReady(requesterGateway.id(), requesterGateway.endpoint(),
                vi.requesterGateway().tunnelKind());
        for (Participant p : participants) {
            if (p.isGateway() && p.tunnelAddress().filter(requester.tunnelAddress()::equals).isPresent()) {
                throw siteGatewayRegistered(requesterGateway, p.site().map(SiteId::value).orElse(p.participantId()));
            }
        }
        participants.add(Participant.requesterGateway(requesterGateway.id(), requesterGateway.endpoint(),
                requester.tunnelAddress()));
        return new Plan(placement, participants);
    }

    /** Every VLAN the request bridges at its requester gateway, by field. */
    private static Map<String, Integer> vlans(VirtualInfrastructureSpec vi) {
        Map<String, Integer> vlans = new LinkedHashMap<>();
        for (int i = 0; i < vi.segments().size(); i++) {
            vlans.put("segment[" + i + "].vlan", vi.segments().get(i).vlan());
        }
        return vlans;
    }

    /**
     * A registered requester gateway that is also a provider site's gateway (same URL or tunnel address): the
     * operator's registration is wrong, and stitching a tenant's VLANs there would bridge them into the site.
     */
    private static BrokerException siteGatewayRegistered(RequesterGateway gateway, String site) {
        LOG.warning(() -> "requester gateway " + gateway.id() + " (" + gateway.endpoint() + ") is the gateway of"
                + " provider site " + site + ": fix isthmus.requesterGateways");
        return new BrokerException(FaultKind.INTERNAL, "requester gateway " + gateway.id() + " is registered wrongly"
                + " (it is a provider site's gateway); the federation's operator must fix the broker's registration");
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
