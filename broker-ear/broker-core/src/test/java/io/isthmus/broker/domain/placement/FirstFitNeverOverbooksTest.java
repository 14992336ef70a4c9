package io.isthmus.broker.domain.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.isthmus.broker.domain.reservation.NodeGroup;
import io.isthmus.broker.domain.reservation.NodeSpec;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import io.isthmus.broker.testsupport.ViBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A property check over random requests and offers (fixed seed, so a failure is reproducible). */
class FirstFitNeverOverbooksTest {
    private static final int INSTANCES = 200;

    private record Instance(VirtualInfrastructureSpec vi, List<SiteOffer> offers) {
    }

    @Test
    void noHostIsGivenMoreThanItOffersAndEveryConstraintHolds() {
        Random random = new Random(20_300_101L);
        int placed = 0;
        for (int i = 0; i < INSTANCES; i++) {
            Instance instance = randomInstance(random);
            Placement p;
            try {
                p = new FirstFitPlacementEngine().place(instance.vi(), instance.offers());
            } catch (PlacementRefusedException e) {
                assertTrue(e.getMessage().startsWith("node ") && e.getMessage().contains(" needs "),
                        "instance " + i + ": " + e.getMessage());
                continue;
            }
            placed++;
            checkPlacement(i, instance, p);
        }
        assertTrue(placed >= INSTANCES / 2, "most random instances should fit, only " + placed + " did");
    }

    @Test
    void theSameInputGivesTheSamePlacement() {
        Random random = new Random(7L);
        int compared = 0;
        for (int i = 0; i < 50; i++) {
            Instance instance = randomInstance(random);
            Placement first;
            try {
                first = new FirstFitPlacementEngine().place(instance.vi(), instance.offers());
            } catch (PlacementRefusedException e) {
                continue;
            }
            assertEquals(first, new FirstFitPlacementEngine().place(instance.vi(), instance.offers()), "instance " + i);
            compared++;
        }
        assertTrue(compared > 0);
    }

    private static void checkPlacement(int i, Instance instance, Placement p) {
        Map<String, HostOffer> offered = new HashMap<>();
        instance.offers().forEach(o -> o.hosts().forEach(h -> offered.put(o.site() + "/" + h.host(), h)));
        Map<String, long[]> used = new HashMap<>();
        assertEquals(instance.vi().nodes().size(), p.locations().size(), "instance " + i + ": every node placed");
        for (NodeSpec node : instance.vi().nodes()) {
            NodeLocation at = p.of(node.name());
            String key = at.site() + "/" + at.host();
            HostOffer host = offered.get(key);
            if (host == null) {
                fail("instance " + i + ": " + node.name() + " placed on " + key + ", which was not offered");
            }
            assertTrue(host.nested() || !node.nested(), "instance " + i + ": nested " + node.name() + " on " + key);
            long[] sum = used.computeIfAbsent(key, k -> new long[3]);
            sum[0] += node.vcpus();
            sum[1] += node.memoryMib();
            sum[2] += node.diskGib();
        }
        used.forEach((key, sum) -> {
            HostOffer host = offered.get(key);
            assertTrue(sum[0] <= host.freeCores() && sum[1] <= host.freeMemoryMib() && sum[2] <= host.freeDiskGib(),
                    "instance " + i + ": " + key + " given " + sum[0] + " cores, " + sum[1] + " MiB, " + sum[2]
                            + " GiB but offered " + host);
        });
        for (NodeGroup g : instance.vi().constraints().antiAffinity()) {
            Set<NodeLocation> hosts = new HashSet<>();
            g.nodes().forEach(n -> hosts.add(p.of(n)));
            assertEquals(g.nodes().size(), hosts.size(), "instance " + i + ": anti-affinity " + g);
        }
        for (NodeGroup g : instance.vi().constraints().affinity()) {
            assertEquals(1, g.nodes().stream().map(n -> p.of(n).site()).distinct().count(),
                    "instance " + i + ": affinity " + g);
        }
    }

    private static Instance randomInstance(Random random) {
        List<SiteOffer> offers = new ArrayList<>();
        int sites = 1 + random.nextInt(3);
        for (int s = 0; s < sites; s++) {
            List<HostOffer> hosts = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int h = 0; h < count; h++) {
                hosts.add(new HostOffer("h" + h, 4 + random.nextInt(29), 4096 + random.nextInt(61) * 1024L,
                        50 + random.nextInt(451), random.nextInt(3) == 0));
            }
            offers.add(new SiteOffer("site-" + (char) ('a' + s), hosts));
        }
        List<NodeSpec> nodes = new ArrayList<>();
        int count = 1 + random.nextInt(8);
        for (int n = 0; n < count; n++) {
            nodes.add(new NodeSpec("n" + n, 1 + random.nextInt(8), 256 * (1 + random.nextInt(64)),
                    1 + random.nextInt(100), "debian-12", random.nextInt(5) == 0, List.of()));
        }
        ViBuilder b = ViBuilder.ofNodes(nodes.toArray(NodeSpec[]::new));
        if (count >= 2 && random.nextBoolean()) {
            b.antiAffinity("spread", "n0", "n1");
        }
        if (count >= 4 && random.nextBoolean()) {
            b.affinity("together", "n2", "n3");
        }
        return new Instance(b.build(), offers);
    }
}
