package io.isthmus.broker.domain.placement.bench;

import io.isthmus.broker.domain.placement.HostOffer;
import io.isthmus.broker.domain.placement.InterSiteLink;
import io.isthmus.broker.domain.placement.NodeLocation;
import io.isthmus.broker.domain.placement.Placement;
import io.isthmus.broker.domain.placement.SiteOffer;
import io.isthmus.broker.domain.placement.Substrate;
import io.isthmus.broker.domain.reservation.LinkSpec;
import io.isthmus.broker.domain.reservation.NodeGroup;
import io.isthmus.broker.domain.reservation.NodeSpec;
import io.isthmus.broker.domain.reservation.PlacementConstraints.Pin;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;

/**
 * Checks a placement against its request and substrate from first principles (no engine code): every node on an
 * offered host that has room for it (nested where needed) at a site whose image catalog has its image, inter-site bandwidth within each link's free capacity,
 * latency bounds (across sites: the link's latency; within a site on two hosts: the site's connectivity), affinity
 * on one site, anti-affinity on distinct hosts, pins. Node-to-node links only (segment-wide links are not checked).
 */
public final class PlacementChecker {
    private PlacementChecker() {
    }

    /** What is wrong with the placement, one line per broken rule; empty when it is valid. */
    public static List<String> violations(VirtualInfrastructureSpec vi, Substrate substrate, Placement placement) {
        List<String> wrong = new ArrayList<>();
        Map<String, SiteOffer> sites = new HashMap<>();
        substrate.sites().forEach(s -> sites.put(s.site(), s));
        Map<NodeLocation, long[]> used = new HashMap<>();
        for (NodeSpec n : vi.nodes()) {
            NodeLocation at = placement.locations().get(n.name());
            SiteOffer site = at == null ? null : sites.get(at.site());
            HostOffer host = site == null ? null
                    : site.hosts().stream().filter(h -> h.host().equals(at.host())).findFirst().orElse(null);
            if (host == null) {
                wrong.add("node " + n.name() + " is not on an offered host: " + at);
                continue;
            }
            String image = n.image().endsWith(".qcow2") ? n.image().substring(0, n.image().length() - 6) : n.image();
            if (!site.images().names().map(names -> names.contains(image)).orElse(true)) {
                wrong.add("node " + n.name() + " needs image " + n.image() + "; site " + at.site() + " offers "
                        + site.images());
            }
            long[] u = used.computeIfAbsent(at, k -> new long[3]);
            u[0] += n.vcpus();
            u[1] += n.memoryMib();
            u[2] += n.diskGib();
            if (u[0] > host.freeCores() || u[1] > host.freeMemoryMib() || u[2] > host.freeDiskGib()) {
                wrong.add("host " + at + " is over capacity with node " + n.name());
            }
            if (n.nested() && !host.nested()) {
                wrong.add("node " + n.name() + " needs nested virtualisation; host " + at + " has none");
            }
        }
        if (!wrong.isEmpty()) {
            return wrong;
        }
        links(vi, substrate, placement, sites, wrong);
        groups(vi, placement, wrong);
        return wrong;
    }

    private static void links(VirtualInfrastructureSpec vi, Substrate substrate, Placement placement,
                              Map<String, SiteOffer> sites, List<String> wrong) {
        Map<String, Long> load = new HashMap<>();
        Map<String, Long> crossing = new TreeMap<>();
        for (LinkSpec l : vi.links()) {
            if (l.isSegmentWide()) {
                continue;
            }
            NodeLocation a = placement.of(l.a());
            NodeLocation b = placement.of(l.b());
            double latency;
            if (a.site().equals(b.site())) {
                latency = a.host().equals(b.host()) ? 0 : sites.get(a.site()).connectivity().latencyMs();
            } else {
                if (l.bandwidthMbps() != null) {
                    crossing.merge(InterSiteLink.name(a.site(), b.site()), (long) l.bandwidthMbps(), Long::sum);
                }
                InterSiteLink link = substrate.link(a.site(), b.site()).orElse(null);
                latency = link == null ? Double.POSITIVE_INFINITY : link.latencyMs();
                if (link != null && l.bandwidthMbps() != null) {
                    load.merge(link.name(), (long) l.bandwidthMbps(), Long::sum);
                }
            }
            if (l.maxLatencyMs() != null && latency > l.maxLatencyMs()) {
                wrong.add("link " + l.a() + "–" + l.b() + " needs ≤ " + l.maxLatencyMs() + " ms; placed " + a + " and "
                        + b + " are " + latency + " ms apart");
            }
        }
        Map<String, Long> reported = new TreeMap<>();
        placement.interSite().forEach(x -> reported.put(InterSiteLink.name(x.siteA(), x.siteB()), x.mbps()));
        if (vi.links().stream().noneMatch(LinkSpec::isSegmentWide) && !crossing.equals(reported)) {
            wrong.add("the placement reports inter-site loads " + reported + " but its links cross " + crossing);
        }
        for (InterSiteLink link : substrate.links()) {
            long mbps = load.getOrDefault(link.name(), 0L);
            if (mbps > link.freeMbps()) {
                wrong.add("inter-site link " + link.name() + " carries " + mbps + " Mbit/s; " + link.freeMbps() + " free");
            }
        }
    }

    private static void groups(VirtualInfrastructureSpec vi, Placement placement, List<String> wrong) {
        for (NodeGroup g : vi.constraints().affinity()) {
            Set<String> at = new HashSet<>();
            g.nodes().forEach(n -> at.add(placement.of(n).site()));
            if (at.size() > 1) {
                wrong.add("affinity group " + g.name() + " spans sites " + at);
            }
        }
        for (NodeGroup g : vi.constraints().antiAffinity()) {
            Set<NodeLocation> at = new HashSet<>();
            g.nodes().forEach(n -> at.add(placement.of(n)));
            if (at.size() < g.nodes().size()) {
                wrong.add("anti-affinity group " + g.name() + " shares a host");
            }
        }
        for (Pin pin : vi.constraints().pins()) {
            NodeLocation at = placement.of(pin.node());
            if (!at.site().equals(pin.site()) || pin.host() != null && !pin.host().equals(at.host())) {
                wrong.add("node " + pin.node() + " is pinned to " + pin.site() + (pin.host() == null ? "" : "/"
                        + pin.host()) + " but placed at " + at);
            }
        }
    }
}
