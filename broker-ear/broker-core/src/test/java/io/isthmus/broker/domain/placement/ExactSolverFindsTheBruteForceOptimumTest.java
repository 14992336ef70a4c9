package io.isthmus.broker.domain.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.domain.placement.bench.Instance;
import io.isthmus.broker.domain.placement.bench.InstanceGenerator;
import io.isthmus.broker.domain.placement.bench.IntRange;
import io.isthmus.broker.domain.placement.bench.PlacementChecker;
import io.isthmus.broker.domain.placement.bench.SiteParams;
import io.isthmus.broker.domain.placement.bench.ViParams;
import io.isthmus.broker.domain.reservation.PlacementConstraints;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On tiny generated instances (4–7 nodes, 2–4 sites; tight capacity, tight links, latency bounds, site costs,
 * constraints, twin sites) the branch-and-bound optimum equals the minimum over all k^units site assignments,
 * enumerated here with its own feasibility and objective, keeping only those best-fit decreasing packs.
 */
class ExactSolverFindsTheBruteForceOptimumTest {
    private static final int INSTANCES = 240;

    @Test
    void equalsExhaustiveEnumerationOnEveryTinyInstance() {
        ExactPlacementEngine exact = new ExactPlacementEngine();
        int nonTrivial = 0;
        int infeasible = 0;
        for (int seed = 0; seed < INSTANCES; seed++) {
            Instance in = tiny(seed);
            PlacementProblem p;
            try {
                p = PlacementProblem.compile(in.vi(), in.substrate());
            } catch (PlacementRefusedException refusedUpFront) {
                assertThrows(PlacementRefusedException.class, () -> exact.solve(in.vi(), in.substrate()), in.name());
                infeasible++;
                continue;
            }
            double optimum = bruteForce(p);
            if (optimum == Double.POSITIVE_INFINITY) {
                assertThrows(PlacementRefusedException.class, () -> exact.solve(in.vi(), in.substrate(), null), in.name());
                assertThrows(PlacementRefusedException.class, () -> exact.solve(in.vi(), in.substrate()), in.name());
                infeasible++;
                continue;
            }
            ExactPlacementEngine.Solution fromHeuristic = exact.solve(in.vi(), in.substrate());
            ExactPlacementEngine.Solution fromScratch = exact.solve(in.vi(), in.substrate(), null);
            for (ExactPlacementEngine.Solution s : List.of(fromHeuristic, fromScratch)) {
                assertTrue(s.proven(), in.name());
                assertEquals(optimum, s.objective(), 1e-6, in.name());
                assertEquals(List.of(), PlacementChecker.violations(in.vi(), in.substrate(), s.placement()), in.name());
            }
            nonTrivial += optimum > 0 ? 1 : 0;
        }
        assertTrue(nonTrivial >= INSTANCES / 2, "only " + nonTrivial + " instances have a non-zero optimum (" + infeasible + " infeasible)");
        assertTrue(infeasible > 0 && infeasible < INSTANCES / 3, infeasible + " infeasible instances");
    }

    private static Instance tiny(int seed) {
        int nodes = 4 + seed % 4;
        int links = Math.min(nodes * (nodes - 1) / 2, nodes + seed % 5);
        ViParams vi = ViParams.of(nodes, links).withBounds(0.2, 2, 20);
        if (seed % 4 == 3) {
            vi = vi.withConstraints(1, 1, 1);
        }
        int sites = 2 + seed % 3;
        SiteParams base = SiteParams.of(sites, 2);
        SiteParams sp = new SiteParams(sites, 2, base.cores(), base.memoryGib(), base.diskGib(), 0.8, 1, 40,
                seed % 2 == 0 ? new IntRange(800, 3000) : base.linkMbps(), 0.3, seed % 3 == 0 ? 2 : 0,
                1.5 / sites + (seed % 5 == 4 ? 0 : 0.1));
        Instance in = InstanceGenerator.instance(vi, sp, seed);
        return seed % 6 == 5 ? twins(in) : in;
    }

    /** The same request on copies of the first site, all the same distance apart. */
    private static Instance twins(Instance in) {
        SiteOffer first = in.substrate().sites().get(0);
        List<SiteOffer> sites = new ArrayList<>();
        for (SiteOffer s : in.substrate().sites()) {
            sites.add(new SiteOffer(s.site(), first.hosts().stream().map(h -> new HostOffer(s.site() + "-" + h.host(),
                    h.freeCores(), h.freeMemoryMib(), h.freeDiskGib(), h.nested())).toList(), first.connectivity(),
                    first.costPerCore()));
        }
        List<InterSiteLink> links = new ArrayList<>();
        for (int a = 0; a < sites.size(); a++) {
            for (int b = a + 1; b < sites.size(); b++) {
                links.add(new InterSiteLink(sites.get(a).site(), sites.get(b).site(), 1000, 800, 4));
            }
        }
        var vi = in.vi();
        var noPins = new PlacementConstraints(List.of(),
                vi.constraints().affinity(), vi.constraints().antiAffinity(), List.of());
        return new Instance(in.name() + "-twins", new VirtualInfrastructureSpec(
                vi.tenant(), vi.description(), vi.window(), vi.segments(), vi.nodes(), vi.links(), noPins,
                vi.requesterGateway()), new Substrate(sites, links));
    }

    /** The least objective over every site assignment that honours the rules and packs; +inf when none does. */
    private static double bruteForce(PlacementProblem p) {
        double best = Double.POSITIVE_INFINITY;
        int[] at = new int[p.units];
        long total = (long) Math.pow(p.k, p.units);
        for (long code = 0; code < total; code++) {
            long c = code;
            for (int u = 0; u < p.units; u++) {
                at[u] = (int) (c % p.k);
                c /= p.k;
            }
            double objective = objectiveIfFeasible(p, at);
            if (objective < best - 1e-9 && packs(p, at)) {
                best = objective;
            }
        }
        return best;
    }

    private static double objectiveIfFeasible(PlacementProblem p, int[] at) {
        double objective = 0;
        for (int u = 0; u < p.units; u++) {
            if (!p.allowed[u][at[u]]) {
                return Double.POSITIVE_INFINITY;
            }
            objective += p.costPerCore[at[u]] * p.unitDemand[u][PlacementProblem.CORES];
        }
        double[][] pair = new double[p.k][p.k];
        for (int e = 0; e < p.edgeA.length; e++) {
            int s = at[p.unitOf[p.edgeA[e]]];
            int t = at[p.unitOf[p.edgeB[e]]];
            if (s == t) {
                continue;
            }
            if (p.latency[s][t] > p.edgeBound[e]) {
                return Double.POSITIVE_INFINITY;
            }
            objective += p.edgeMbps[e];
            pair[Math.min(s, t)][Math.max(s, t)] += p.edgeMbps[e];
        }
        for (int s = 0; s < p.k; s++) {
            for (int t = s + 1; t < p.k; t++) {
                if (pair[s][t] > p.linkFree[s][t] + 1e-6) {
                    return Double.POSITIVE_INFINITY;
                }
            }
        }
        return objective;
    }

    private static boolean packs(PlacementProblem p, int[] at) {
        Partition part = new Partition(p);
        for (int u = 0; u < p.units; u++) {
            part.place(u, at[u]);
        }
        return HostPacker.pack(part).packed();
    }
}
