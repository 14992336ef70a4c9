package io.isthmus.broker.domain.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.isthmus.broker.domain.reservation.LinkSpec;
import io.isthmus.broker.domain.reservation.NodeGroup;
import io.isthmus.broker.domain.reservation.NodeSpec;
import io.isthmus.broker.domain.reservation.PlacementConstraints.Pin;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a placement against its request and substrate from first principles, without the engine's code: hosts
 * and links within what they offer, latency bounds, affinity, anti-affinity, pins, and the loads it reports.
 * Node-to-node links only (segment-wide QoS is checked by its own test).
 */
final class PlacementChecker {
    private PlacementChecker() {
    }

    static void check(String label, VirtualInfrastructureSpec vi, Substrate substrate, Placement p) {
        Map<String, SiteOffer> sites = new HashMap<>();
        substrate.sites().forEach(s -> sites.put(s.site(), s));
        assertEquals(vi.nodes().size(), p.locations().size(), label + ": every node placed");
        Map<String, long[]> used = new HashMap<>();
        for (NodeSpec node : vi.nodes()) {
            NodeLocation at = p.of(node.name());
            SiteOffer site = sites.get(at.site());
            HostOffer host = site == null ? null
                    : site.hosts().stream().filter(h -> h.host().equals(at.host())).findFirst().orElse(null);
            if (host == null) {
                fail(label + ": " + node.name() + " placed on " + at + ", which was not offered");
            }
            assertTrue(host.nested() || !node.nested(), label + ": nested " + node.name() + " on " + at);
            long[] sum = used.computeIfAbsent(at.site() + "/" + at.host(), k -> new long[3]);
            sum[0] += node.vcpus();
            sum[1] += node.memoryMib();
            sum[2] += node.diskGib();
            if (sum[0] > host.freeCores() || sum[1] > host.freeMemoryMib() || sum[2] > host.freeDiskGib()) {
                fail(label + ": " + at + " given " + sum[0] + " cores, " + sum[1] + " MiB, " + sum[2] + " GiB but offered "
                        + host);
            }
        }
        Map<String, Long> loads = new TreeMap<>();
        for (LinkSpec l : vi.links()) {
            NodeLocation a = p.of(l.a());
            NodeLocation b = p.of(l.b());
            if (!a.site().equals(b.site())) {
                String pair = a.site().compareTo(b.site()) < 0 ? a.site() + "|" + b.site() : b.site() + "|" + a.site();
                loads.merge(pair, (long) (l.bandwidthMbps() == null ? 0 : l.bandwidthMbps()), Long::sum);
                if (l.maxLatencyMs() != null) {
                    double latency = substrate.link(a.site(), b.site()).map(InterSiteLink::latencyMs)
                            .orElse(Double.POSITIVE_INFINITY);
                    assertTrue(latency <= l.maxLatencyMs(), label + ": link " + l.a() + "–" + l.b() + " needs ≤ "
                            + l.maxLatencyMs() + " ms but crosses " + a.site() + "↔" + b.site() + " (" + latency + " ms)");
                }
            } else if (l.maxLatencyMs() != null
                    && l.maxLatencyMs() < sites.get(a.site()).connectivity().latencyMs()) {
                assertEquals(a, b, label + ": link " + l.a() + "–" + l.b() + " needs ≤ " + l.maxLatencyMs()
                        + " ms, below " + a.site() + "'s " + sites.get(a.site()).connectivity() + ", so one host");
            }
        }
        loads.values().removeIf(v -> v == 0);
        Map<String, Long> reported = new TreeMap<>();
        p.interSite().forEach(l -> reported.put(l.siteA() + "|" + l.siteB(), l.mbps()));
        assertEquals(loads, reported, label + ": the inter-site loads the placement reports");
        loads.forEach((pair, mbps) -> {
            String[] ab = pair.split("\\|");
            substrate.link(ab[0], ab[1]).ifPresent(link -> assertTrue(mbps <= link.freeMbps(), label + ": " + pair
                    + " carries " + mbps + " Mbit/s but has " + link.freeMbps() + " free"));
        });
        for (NodeGroup g : vi.constraints().affinity()) {
            assertEquals(1, g.nodes().stream().map(n -> p.of(n).site()).distinct().count(), label + ": affinity " + g);
        }
        for (NodeGroup g : vi.constraints().antiAffinity()) {
            Set<NodeLocation> hosts = new HashSet<>();
            g.nodes().forEach(n -> hosts.add(p.of(n)));
            assertEquals(g.nodes().size(), hosts.size(), label + ": anti-affinity " + g + " in " + p);
        }
        for (Pin pin : vi.constraints().pins()) {
            assertEquals(pin.site(), p.of(pin.node()).site(), label + ": pin " + pin);
            if (pin.host() != null) {
                assertEquals(pin.host(), p.of(pin.node()).host(), label + ": pin " + pin);
            }
        }
    }
}
