package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.testsupport.ViBuilder.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.domain.placement.bench.Instance;
import io.isthmus.broker.domain.placement.bench.InstanceGenerator;
import io.isthmus.broker.domain.placement.bench.Preset;
import io.isthmus.broker.domain.reservation.LinkSpec;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import io.isthmus.broker.testsupport.ViBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExactSolverRefusesAndReportsProofTest {
    private final ExactPlacementEngine exact = new ExactPlacementEngine();

    @Test
    void refusesWhenOnlyHostPackingMakesTheRequestImpossible() {
        // site-a has room for three 3-vCPU nodes in total but two per host pair; site-b for two in total, one on a host
        var sites = List.of(
                new SiteOffer("site-a", List.of(new HostOffer("a1", 5, 65_536, 500, false),
                        new HostOffer("a2", 5, 65_536, 500, false))),
                new SiteOffer("site-b", List.of(new HostOffer("b1", 5, 65_536, 500, false),
                        new HostOffer("b2", 1, 65_536, 500, false))));
        var vi = ViBuilder.ofNodes(node("w1", 3, 1024, 10), node("w2", 3, 1024, 10), node("w3", 3, 1024, 10),
                node("w4", 3, 1024, 10)).build();

        var e = assertThrows(PlacementRefusedException.class, () -> exact.solve(vi, Substrate.of(sites), null));
        assertTrue(e.getMessage().startsWith("no placement exists: every assignment of the request's nodes to the 2 "
                + "offered sites"), e.getMessage());
    }

    @Test
    void refusesWhenTheOnlySplitOverloadsTheInterSiteLink() {
        var sites = List.of(new SiteOffer("site-a", List.of(new HostOffer("a1", 8, 16_384, 100, false))),
                new SiteOffer("site-b", List.of(new HostOffer("b1", 8, 16_384, 100, false))));
        var link = new InterSiteLink("site-a", "site-b", 1000, 100, 5);
        VirtualInfrastructureSpec vi = withLink(ViBuilder.ofNodes(node("big-1", 8, 8192, 10),
                node("big-2", 8, 8192, 10)).build(), new LinkSpec("big-1", "big-2", null, 500, null));

        assertThrows(PlacementRefusedException.class, () -> exact.solve(vi, new Substrate(sites, List.of(link))));
        var roomy = new InterSiteLink("site-a", "site-b", 1000, 600, 5);
        assertEquals(500, exact.solve(vi, new Substrate(sites, List.of(roomy))).objective(), 1e-9,
                "with 600 Mbit/s free the same split is the optimum");
    }

    @Test
    void aSearchCutShortByItsBudgetSaysItIsNotProvenAndKeepsTheIncumbent() {
        Instance in = InstanceGenerator.instance(Preset.NODES_30, 1_000_003L);
        Placement heuristic = new PartitioningPlacementEngine().place(in.vi(), in.substrate());

        ExactPlacementEngine.Solution cut = new ExactPlacementEngine(10).solve(in.vi(), in.substrate(), heuristic);
        ExactPlacementEngine.Solution full = exact.solve(in.vi(), in.substrate(), heuristic);

        assertFalse(cut.proven());
        assertEquals(11, cut.nodesExplored(), "the budget's ten branches, and the eleventh that stopped it");
        assertTrue(cut.objective() <= heuristic.cost());
        assertTrue(full.proven());
        assertTrue(full.objective() <= cut.objective());
    }

    @Test
    void twinSitesAreSearchedOnceWithoutChangingTheOptimum() {
        var vi = ViBuilder.ofNodes(node("a", 4, 4096, 10), node("b", 4, 4096, 10), node("c", 4, 4096, 10),
                node("d", 4, 4096, 10), node("e", 4, 4096, 10)).build();
        for (String[] l : new String[][] {{"a", "b"}, {"b", "c"}, {"c", "d"}, {"d", "e"}, {"e", "a"}}) {
            vi = withLink(vi, new LinkSpec(l[0], l[1], null, 100, null));
        }
        List<SiteOffer> sites = new ArrayList<>();
        for (String s : List.of("s1", "s2", "s3", "s4")) {
            sites.add(new SiteOffer(s, List.of(new HostOffer(s + "-h", 8, 16_384, 100, false))));
        }
        Substrate twins = new Substrate(sites, allPairs(sites, 10));
        List<InterSiteLink> distinct = new ArrayList<>(allPairs(sites, 10));
        distinct.set(0, new InterSiteLink("s1", "s2", 10_000, 10_000, 11));

        var symmetric = exact.solve(vi, twins, null);
        var asymmetric = exact.solve(vi, new Substrate(sites, distinct), null);

        assertEquals(300, symmetric.objective(), 1e-9, "five 4-vCPU nodes on 8-vCPU sites: three sites, a 5-ring cut thrice");
        assertEquals(300, asymmetric.objective(), 1e-9);
        assertTrue(symmetric.nodesExplored() < asymmetric.nodesExplored(),
                symmetric.nodesExplored() + " branches with twins, " + asymmetric.nodesExplored() + " without");
    }

    private static List<InterSiteLink> allPairs(List<SiteOffer> sites, double latencyMs) {
        List<InterSiteLink> links = new ArrayList<>();
        for (int a = 0; a < sites.size(); a++) {
            for (int b = a + 1; b < sites.size(); b++) {
                links.add(new InterSiteLink(sites.get(a).site(), sites.get(b).site(), 10_000, 10_000, latencyMs));
            }
        }
        return links;
    }

    private static VirtualInfrastructureSpec withLink(VirtualInfrastructureSpec vi, LinkSpec link) {
        List<LinkSpec> links = new ArrayList<>(vi.links());
        links.add(link);
        return new VirtualInfrastructureSpec(vi.tenant(), vi.description(), vi.window(), vi.segments(), vi.nodes(),
                links, vi.constraints(), vi.requesterGateway());
    }
}
