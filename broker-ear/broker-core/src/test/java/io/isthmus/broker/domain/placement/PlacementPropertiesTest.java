package io.isthmus.broker.domain.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.domain.reservation.NodeSpec;
import io.isthmus.broker.domain.placement.bench.PlacementChecker;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import io.isthmus.broker.testsupport.ViBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Properties of the partitioning engine over many generated requests and substrates (fixed seeds, so a failure is
 * reproducible): what it places honours every capacity and constraint, what it refuses says which constraint and
 * why, and the same input gives the same placement.
 */
class PlacementPropertiesTest {
    private static final int INSTANCES = 400;
    /** A refusal names a constraint (a need, a link, a group, a host) and a number. */
    private static final Pattern NAMES_A_CONSTRAINT = Pattern.compile(
            ".*\\b(needs?|link|anti-affinity|must share one site|no host|fits no site)\\b.*\\d.*");

    record Instance(VirtualInfrastructureSpec vi, Substrate substrate) {
    }

    @Test
    void placementsHonourCapacityLatencyAffinityAntiAffinityAndPinsAndRefusalsNameTheConstraint() {
        Random random = new Random(20_301_122L);
        int placed = 0;
        int refused = 0;
        for (int i = 0; i < INSTANCES; i++) {
            Instance instance = generate(random);
            Placement p;
            try {
                p = new PartitioningPlacementEngine().place(instance.vi(), instance.substrate());
            } catch (PlacementRefusedException e) {
                refused++;
                assertTrue(NAMES_A_CONSTRAINT.matcher(e.getMessage()).matches(), "instance " + i + ": " + e.getMessage()
                        + "\n" + instance);
                continue;
            }
            placed++;
            assertEquals(List.of(), PlacementChecker.violations(instance.vi(), instance.substrate(), p), "instance " + i);
        }
        assertTrue(placed >= INSTANCES / 2, "most generated instances fit; only " + placed + " did");
        assertTrue(refused >= INSTANCES / 20, "some generated instances are infeasible; only " + refused + " were");
    }

    @Test
    void theSameSeedGivesTheSamePlacement() {
        Random random = new Random(7L);
        int compared = 0;
        for (int i = 0; i < 60; i++) {
            Instance instance = generate(random);
            Placement first;
            try {
                first = new PartitioningPlacementEngine(11, 0).place(instance.vi(), instance.substrate());
            } catch (PlacementRefusedException e) {
                continue;
            }
            assertEquals(first, new PartitioningPlacementEngine(11, 0).place(instance.vi(), instance.substrate()),
                    "instance " + i);
            compared++;
        }
        assertTrue(compared >= 30, "compared " + compared);
    }

    /** 2-20 nodes with links (some bandwidth, some latency-bounded), groups and pins over 1-4 sites. */
    static Instance generate(Random random) {
        int siteCount = 1 + random.nextInt(4);
        List<SiteOffer> sites = new ArrayList<>();
        Connectivity[] classes = Connectivity.values();
        for (int s = 0; s < siteCount; s++) {
            List<HostOffer> hosts = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int h = 0; h < count; h++) {
                hosts.add(new HostOffer("h" + h, 4 + random.nextInt(29), 4096 + random.nextInt(61) * 1024L,
                        50 + random.nextInt(451), random.nextInt(3) != 0));
            }
            sites.add(new SiteOffer("site-" + (char) ('a' + s), hosts, classes[1 + random.nextInt(3)],
                    random.nextInt(4) == 0 ? random.nextInt(5) : 0));
        }
        List<InterSiteLink> links = new ArrayList<>();
        for (int s = 0; s < siteCount; s++) {
            for (int t = s + 1; t < siteCount; t++) {
                if (random.nextInt(5) != 0) {
                    long capacity = 100 + random.nextInt(2000);
                    links.add(new InterSiteLink(sites.get(s).site(), sites.get(t).site(), capacity,
                            random.nextInt(3) == 0 ? random.nextLong(capacity + 1) : capacity, 1 + random.nextInt(30)));
                }
            }
        }
        int nodeCount = 2 + random.nextInt(19);
        List<NodeSpec> nodes = new ArrayList<>();
        for (int n = 0; n < nodeCount; n++) {
            nodes.add(new NodeSpec("n" + n, 1 + random.nextInt(8), 256 * (1 + random.nextInt(48)),
                    1 + random.nextInt(100), "debian-12", random.nextInt(4) == 0, List.of()));
        }
        ViBuilder b = ViBuilder.ofNodes(nodes.toArray(NodeSpec[]::new));
        int linkCount = random.nextInt(2 * nodeCount);
        for (int l = 0; l < linkCount; l++) {
            int x = random.nextInt(nodeCount);
            int y = random.nextInt(nodeCount);
            if (x != y) {
                Integer mbps = random.nextInt(4) == 0 ? null : 1 + random.nextInt(400);
                Double bound = random.nextInt(6) == 0 ? (random.nextBoolean() ? 0.1 : 2.0 + random.nextInt(20)) : null;
                b.link("n" + x, "n" + y, mbps, bound);
            }
        }
        if (nodeCount >= 3 && random.nextInt(3) == 0) {
            b.antiAffinity("spread", "n0", "n1", "n2");
        }
        if (nodeCount >= 5 && random.nextInt(3) == 0) {
            b.affinity("together", "n3", "n4");
        }
        if (random.nextInt(4) == 0) {
            SiteOffer pinned = sites.get(random.nextInt(siteCount));
            String host = random.nextBoolean() ? pinned.hosts().get(random.nextInt(pinned.hosts().size())).host() : null;
            b.pin("n" + (nodeCount - 1), pinned.site(), host);
        }
        return new Instance(b.build(), new Substrate(sites, links));
    }
}
