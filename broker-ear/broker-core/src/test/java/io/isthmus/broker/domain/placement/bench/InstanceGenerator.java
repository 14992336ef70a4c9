package io.isthmus.broker.domain.placement.bench;

import io.isthmus.broker.domain.placement.HostOffer;
import io.isthmus.broker.domain.placement.InterSiteLink;
import io.isthmus.broker.domain.placement.SiteOffer;
import io.isthmus.broker.domain.placement.Substrate;
import io.isthmus.broker.domain.reservation.GatewaySpec;
import io.isthmus.broker.domain.reservation.LinkSpec;
import io.isthmus.broker.domain.reservation.NicSpec;
import io.isthmus.broker.domain.reservation.NodeGroup;
import io.isthmus.broker.domain.reservation.NodeSpec;
import io.isthmus.broker.domain.reservation.PlacementConstraints;
import io.isthmus.broker.domain.reservation.PlacementConstraints.Pin;
import io.isthmus.broker.domain.reservation.SegmentSpec;
import io.isthmus.broker.domain.reservation.TimeWindow;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Seeded placement instances: the same parameters and seed always give the same request and substrate. Nodes are
 * named {@code n0, n1, …}, sites {@code site-00, …}, hosts {@code site-00-h00, …}; every node has one NIC on the
 * segment {@code data}; the window is fixed.
 *
 * <pre>{@code
 * Instance i = InstanceGenerator.instance(Preset.NODES_30, 7);
 * Instance j = InstanceGenerator.instance(ViParams.of(12, 20).withConstraints(1, 1, 2), SiteParams.of(3, 4), 7);
 * }</pre>
 */
public final class InstanceGenerator {
    private static final double WAXMAN_L = Math.sqrt(2);
    private static final TimeWindow WINDOW = new TimeWindow(Instant.parse("2030-01-01T01:00:00Z"),
            Instant.parse("2030-01-01T03:00:00Z"));
    private static final GatewaySpec GATEWAY = new GatewaySpec("gw-bench", "vxlan");

    private InstanceGenerator() {
    }

    /** A preset's instance. */
    public static Instance instance(Preset preset, long seed) {
        Instance i = instance(preset.vi(), preset.sites(), seed);
        return new Instance(preset.name().toLowerCase() + "#" + seed, i.vi(), i.substrate());
    }

    /** A request, a substrate for it and the request's pins (which need the sites), all from one seed. */
    public static Instance instance(ViParams viParams, SiteParams siteParams, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        VirtualInfrastructureSpec vi = vi(viParams, random.nextLong());
        Substrate substrate = substrate(siteParams, vi, random.nextLong());
        vi = withPins(vi, substrate, viParams.pins(), new SplittableRandom(random.nextLong()));
        return new Instance(viParams.nodes() + "n-" + viParams.links() + "l-" + siteParams.sites() + "x"
                + siteParams.hostsPerSite() + "#" + seed, vi, substrate);
    }

    /** A request without pins (pins need a substrate: see {@link #instance(ViParams, SiteParams, long)}). */
    public static VirtualInfrastructureSpec vi(ViParams p, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<NodeSpec> nodes = new ArrayList<>();
        double[][] xy = new double[p.nodes()][];
        for (int i = 0; i < p.nodes(); i++) {
            xy[i] = new double[] {random.nextDouble(), random.nextDouble()};
            nodes.add(new NodeSpec("n" + i, p.vcpus().draw(random), p.memoryGib().draw(random) * 1024,
                    p.diskGib().draw(random), "debian-12", random.nextDouble() < p.nestedShare(),
                    List.of(new NicSpec("data", null, null))));
        }
        List<LinkSpec> links = new ArrayList<>();
        Set<Long> taken = new HashSet<>();
        while (links.size() < p.links()) {
            int a = random.nextInt(p.nodes());
            int b = random.nextInt(p.nodes());
            if (a == b || taken.contains(pairKey(a, b))) {
                continue;
            }
            double d = Math.hypot(xy[a][0] - xy[b][0], xy[a][1] - xy[b][1]);
            if (random.nextDouble() >= p.beta() * Math.exp(-d / (p.alpha() * WAXMAN_L))) {
                continue;
            }
            taken.add(pairKey(a, b));
            Double bound = random.nextDouble() < p.boundedShare()
                    ? Math.round((p.minBoundMs() + random.nextDouble() * (p.maxBoundMs() - p.minBoundMs())) * 10) / 10.0
                    : null;
            links.add(new LinkSpec("n" + Math.min(a, b), "n" + Math.max(a, b), null, p.mbps().draw(random), bound));
        }
        PlacementConstraints constraints = new PlacementConstraints(List.of(),
                groups("together-", p.affinityGroups(), 2, 3, p.nodes(), random),
                groups("apart-", p.antiAffinityGroups(), 2, 4, p.nodes(), random), List.of());
        return new VirtualInfrastructureSpec("bench", "generated request", WINDOW,
                List.of(new SegmentSpec("data", 100, null)), nodes, links, constraints, GATEWAY);
    }

    /** A site set for a request (the request matters only when {@link SiteParams#demandShare()} is above 0). */
    public static Substrate substrate(SiteParams p, VirtualInfrastructureSpec vi, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<SiteOffer> sites = new ArrayList<>();
        double[][] xy = new double[p.sites()][];
        for (int s = 0; s < p.sites(); s++) {
            String name = String.format("site-%02d", s);
            xy[s] = new double[] {random.nextDouble(), random.nextDouble()};
            List<HostOffer> hosts = p.demandShare() > 0 ? SiteSizing.sizedHosts(p, vi, name, random)
                    : drawnHosts(p, name, random);
            double cost = p.maxCostPerCore() > 0 ? Math.round(random.nextDouble() * p.maxCostPerCore() * 100) / 100.0 : 0;
            sites.add(new SiteOffer(name, hosts, null, cost));
        }
        List<InterSiteLink> links = new ArrayList<>();
        for (int s = 0; s < p.sites(); s++) {
            for (int t = s + 1; t < p.sites(); t++) {
                double d = Math.hypot(xy[s][0] - xy[t][0], xy[s][1] - xy[t][1]) / WAXMAN_L;
                double latency = Math.round((p.minLatencyMs() + d * (p.maxLatencyMs() - p.minLatencyMs())) * 10) / 10.0;
                long capacity = p.linkMbps().draw(random) / 100 * 100L;
                long free = Math.round(capacity * (1 - random.nextDouble() * p.usedShare()));
                links.add(new InterSiteLink(sites.get(s).site(), sites.get(t).site(),
                        capacity, free, latency));
            }
        }
        return new Substrate(sites, links);
    }

    private static List<HostOffer> drawnHosts(SiteParams p, String site, SplittableRandom random) {
        List<HostOffer> hosts = new ArrayList<>();
        for (int h = 0; h < p.hostsPerSite(); h++) {
            double free = 1 - random.nextDouble() * p.usedShare();
            hosts.add(new HostOffer(String.format("%s-h%02d", site, h), (int) (p.cores().draw(random) * free),
                    (long) (p.memoryGib().draw(random) * 1024L * free), (long) (p.diskGib().draw(random) * free),
                    random.nextDouble() < p.nestedShare()));
        }
        return hosts;
    }

    private static List<NodeGroup> groups(String prefix, int count, int minSize, int maxSize, int nodes,
                                          SplittableRandom random) {
        List<NodeGroup> groups = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        for (int g = 0; g < count && used.size() + maxSize <= nodes; g++) {
            int size = minSize + random.nextInt(maxSize - minSize + 1);
            List<String> members = new ArrayList<>();
            while (members.size() < size) {
                int i = random.nextInt(nodes);
                if (used.add(i)) {
                    members.add("n" + i);
                }
            }
            groups.add(new NodeGroup(prefix + g, members));
        }
        return groups;
    }

    private static VirtualInfrastructureSpec withPins(VirtualInfrastructureSpec vi, Substrate substrate, int count,
                                                      SplittableRandom random) {
        if (count == 0) {
            return vi;
        }
        List<Pin> pins = new ArrayList<>();
        Set<Integer> pinned = new HashSet<>();
        for (int tries = 0; pins.size() < count && tries < 20 * count; tries++) {
            int i = random.nextInt(vi.nodes().size());
            NodeSpec node = vi.nodes().get(i);
            SiteOffer site = substrate.sites().get(random.nextInt(substrate.sites().size()));
            List<HostOffer> fitting = site.hosts().stream()
                    .filter(h -> h.fits(node.vcpus(), node.memoryMib(), node.diskGib(), node.nested())).toList();
            if (fitting.isEmpty() || !pinned.add(i)) {
                continue;
            }
            String host = pins.size() % 2 == 1 ? fitting.get(random.nextInt(fitting.size())).host() : null;
            pins.add(new Pin(node.name(), site.site(), host));
        }
        PlacementConstraints c = vi.constraints();
        return new VirtualInfrastructureSpec(vi.tenant(), vi.description(), vi.window(), vi.segments(), vi.nodes(),
                vi.links(), new PlacementConstraints(c.allowedSites(), c.affinity(), c.antiAffinity(), pins),
                vi.requesterGateway());
    }

    private static long pairKey(int a, int b) {
        return (long) Math.min(a, b) << 32 | Math.max(a, b);
    }
}
