package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.domain.placement.PlacementProblem.CORES;
import static io.isthmus.broker.domain.placement.PlacementProblem.EPS;

import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import java.util.SplittableRandom;

/**
 * The comparison baseline: simulated annealing over unit→site maps in the spirit of Emulab's {@code assign}
 * (which DEVA used). Not the broker's engine; the benchmark measures the partitioning engine against it.
 *
 * <ul>
 *   <li>State: every unit at some allowed site, starting from a random one; constraints may be violated.</li>
 *   <li>Energy: objective (inter-site Mbit/s plus site cost) + {@code W ·} {@link Violations}, with {@code W} above
 *       any objective a feasible state can have (1 + all bandwidth + the dearest cost of every vCPU): so every
 *       feasible state has lower energy than every infeasible one.</li>
 *   <li>Moves: one random unit to a random other allowed site, or (one move in five) a swap of two units on
 *       different sites, as {@code assign} does.</li>
 *   <li>Schedule: initial temperature so that ~80 % of uphill moves (their mean Δ, sampled from the start state)
 *       are accepted; geometric cooling by {@code assign}'s 0.9; {@code assign}'s neighbourhood of
 *       {@code MOVES_PER_UNIT_SITE · units · sites} moves per temperature, at least 1,000; stop when a temperature
 *       accepts under 1 % of its moves that change the energy (moves of a unit without links between free sites
 *       change nothing and would keep any rate up) and the best state has not improved for {@code PATIENCE}
 *       temperatures.</li>
 *   <li>End: the best state seen must be violation-free (else refused); then host packing with a repair like the
 *       partitioning engine's (a unit of a site that does not pack is barred from it and moved to its cheapest
 *       feasible other site), without refinement.</li>
 * </ul>
 * The same seed gives the same placement.
 */
public final class AnnealingPlacementEngine implements PlacementEngine {
    public static final long DEFAULT_SEED = 0x5A551L;
    static final double MOVES_PER_UNIT_SITE = 1.0;
    static final int MIN_MOVES = 1000;
    static final double COOLING = 0.9;
    static final double INITIAL_ACCEPTANCE = 0.8;
    static final double SWAP_SHARE = 0.2;
    static final int PATIENCE = 5;
    static final int MAX_TEMPERATURES = 2000;

    private final long seed;
    private final double effort;

    public AnnealingPlacementEngine() {
        this(DEFAULT_SEED);
    }

    public AnnealingPlacementEngine(long seed) {
        this(seed, 1);
    }

    /** @param effort multiplies the moves per temperature: longer runs, better cuts (the benchmark's equal-cut runs) */
    public AnnealingPlacementEngine(long seed, double effort) {
        if (!(effort > 0)) {
            throw new IllegalArgumentException("effort must be > 0, not " + effort);
        }
        this.seed = seed;
        this.effort = effort;
    }

    @Override
    public Placement place(VirtualInfrastructureSpec vi, Substrate substrate) {
        PlacementProblem p = PlacementProblem.compile(vi, substrate);
        int[] state = new Annealing(p, weight(p), new SplittableRandom(seed), effort).run();
        Partition part = new Partition(p);
        for (int u = 0; u < p.units; u++) {
            if (!part.canPlace(u, state[u])) {
                throw new PlacementRefusedException("no placement found: the best state annealing reached still breaks "
                        + broken(part, u, state[u]) + " for " + p.unitName(u) + " at site " + p.site[state[u]].site());
            }
            part.place(u, state[u]);
        }
        return Placements.of(part, pack(part));
    }

    private static String broken(Partition part, int u, int s) {
        return !part.capacityAllows(u, s) ? "site capacity" : !part.latencyAllows(u, s) ? "a latency bound"
                : !part.linksAllow(u, s) ? "inter-site link capacity" : "anti-affinity";
    }

    /** Above the objective of any complete assignment. */
    static double weight(PlacementProblem p) {
        double maxCost = 0;
        for (int s = 0; s < p.k; s++) {
            maxCost = Math.max(maxCost, p.costPerCore[s]);
        }
        double w = 1;
        for (int u = 0; u < p.units; u++) {
            w += p.unitMbps[u] / 2 + maxCost * p.unitDemand[u][CORES];
        }
        return w;
    }

    /**
     * Packs each site's units on its hosts. When a unit does not fit, one unit of that site (the failing one or
     * another, whichever costs least) is barred from the site and moved to its cheapest feasible other site.
     */
    private static String[] pack(Partition part) {
        PlacementProblem p = part.p;
        HostPacker.Result packed = HostPacker.pack(part);
        for (int round = 0; !packed.packed() && round < p.units + 2 * p.k; round++) {
            int site = part.at[packed.failedUnit()];
            int[] move = cheapestEviction(part, site, packed.failedUnit());
            if (move == null) {
                break;
            }
            part.forbidden[move[0]][site] = true;
            part.move(move[0], move[1]);
            packed = HostPacker.pack(part);
        }
        if (!packed.packed()) {
            throw new PlacementRefusedException("no placement found: " + packed.failure());
        }
        return packed.hostOf();
    }

    /** {unit, target}: the move of a unit off {@code site} that adds least to the objective, the failed unit first. */
    private static int[] cheapestEviction(Partition part, int site, int failed) {
        PlacementProblem p = part.p;
        int[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int i = -1; i < p.units; i++) {
            int u = i < 0 ? failed : i;
            if (part.at[u] != site || i == failed) {
                continue;
            }
            double here = part.delta(u, site);
            part.remove(u);
            for (int s = 0; s < p.k; s++) {
                if (s != site && part.canPlace(u, s) && part.delta(u, s) - here < bestCost - EPS) {
                    bestCost = part.delta(u, s) - here;
                    best = new int[] {u, s};
                }
            }
            part.place(u, site);
        }
        return best;
    }
}
