package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.testsupport.ViBuilder.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.domain.placement.bench.Instance;
import io.isthmus.broker.domain.placement.bench.InstanceGenerator;
import io.isthmus.broker.domain.placement.bench.PlacementChecker;
import io.isthmus.broker.domain.placement.bench.Preset;
import io.isthmus.broker.domain.placement.bench.SiteParams;
import io.isthmus.broker.domain.placement.bench.ViParams;
import io.isthmus.broker.domain.reservation.LinkSpec;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import io.isthmus.broker.testsupport.ViBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnealingBaselinePlacesValidlyTest {
    private final AnnealingPlacementEngine annealing = new AnnealingPlacementEngine();

    @Test
    void everyPlacementHonoursCapacityLinksLatencyAndConstraints() {
        List<Instance> instances = new ArrayList<>();
        for (long seed = 0; seed < 15; seed++) {
            instances.add(InstanceGenerator.instance(Preset.NODES_10, seed));
            instances.add(InstanceGenerator.instance(Preset.NODES_30, seed));
            instances.add(InstanceGenerator.instance(ViParams.of(24, 48).withConstraints(2, 2, 2).withBounds(0.2, 2, 15),
                    SiteParams.of(4, 4).costing(3), seed));
        }
        instances.add(InstanceGenerator.instance(Preset.NODES_100, 1));
        int placed = 0;
        for (Instance in : instances) {
            Placement p;
            try {
                p = annealing.place(in.vi(), in.substrate());
            } catch (PlacementRefusedException refused) {
                continue;
            }
            placed++;
            assertEquals(in.vi().nodes().size(), p.locations().size(), in.name());
            assertEquals(List.of(), PlacementChecker.violations(in.vi(), in.substrate(), p), in.name());
        }
        assertTrue(placed >= instances.size() * 9 / 10, "placed only " + placed + " of " + instances.size());
    }

    @Test
    void theSameSeedGivesTheSamePlacement() {
        Instance in = InstanceGenerator.instance(Preset.NODES_30, 4);

        Placement first = new AnnealingPlacementEngine(42).place(in.vi(), in.substrate());
        Placement second = new AnnealingPlacementEngine(42).place(in.vi(), in.substrate());

        assertEquals(first, second);
    }

    @Test
    void refusesANodeNoHostCanTakeNamingTheNumbers() {
        var sites = List.of(new SiteOffer("site-a", List.of(new HostOffer("a1", 16, 32_768, 500, true))),
                new SiteOffer("site-b", List.of(new HostOffer("b1", 16, 32_768, 500, true))));
        var vi = ViBuilder.ofNodes(node("db-1", 4, 65_536, 20), node("web-1", 2, 2048, 10)).build();

        var e = assertThrows(PlacementRefusedException.class, () -> annealing.place(vi, Substrate.of(sites)));
        assertTrue(e.getMessage().contains("the largest free host at site-a during the window has 32768 MiB memory"),
                e.getMessage());
    }

    @Test
    void refusesWhenEveryStateBreaksCapacityOrTheLinkNamingWhich() {
        var sites = List.of(new SiteOffer("site-a", List.of(new HostOffer("a1", 8, 16_384, 100, false))),
                new SiteOffer("site-b", List.of(new HostOffer("b1", 8, 16_384, 100, false))));
        var link = new InterSiteLink("site-a", "site-b", 1000, 100, 5);
        var base = ViBuilder.ofNodes(node("big-1", 8, 8192, 10), node("big-2", 8, 8192, 10)).build();
        var vi = new VirtualInfrastructureSpec(base.tenant(), base.description(),
                base.window(), base.segments(), base.nodes(),
                List.of(new LinkSpec("big-1", "big-2", null, 500, null)),
                base.constraints(), base.requesterGateway());

        var e = assertThrows(PlacementRefusedException.class, () -> annealing.place(vi, new Substrate(sites, List.of(link))));
        assertTrue(e.getMessage().matches("no placement found: the best state annealing reached still breaks "
                + "(site capacity|inter-site link capacity) for node big-[12] at site site-[ab]"), e.getMessage());
    }
}
