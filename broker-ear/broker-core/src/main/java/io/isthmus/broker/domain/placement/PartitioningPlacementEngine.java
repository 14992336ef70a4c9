package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.domain.placement.PlacementProblem.EPS;

import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The broker's placement engine, in two levels. (1) Partition the request's units over sites: grow one region per
 * site, cheapest sites first, taking next the unit most connected to the region (graph growing), then refine with
 * k-way Fiduccia–Mattheyses passes (best move first, negative moves allowed, each unit moved once per pass, roll
 * back to the best prefix) until a pass gains nothing. Every move keeps site capacity, latency bounds, inter-site
 * link capacity and anti-affinity. (2) Pack each site's nodes on hosts ({@link HostPacker}); a unit that does not
 * pack is barred from that site and moved. Several starts (more for small requests) keep the best; starts are
 * drawn from the seed, so the same seed gives the same placement.
 */
public final class PartitioningPlacementEngine implements PlacementEngine {
    public static final long DEFAULT_SEED = 0x15741L;

    private final long seed;
    private final int starts;

    public PartitioningPlacementEngine() {
        this(DEFAULT_SEED, 0);
    }

    /** @param starts how many starts; 0 chooses by size (more for small requests) */
    public PartitioningPlacementEngine(long seed, int starts) {
        this.seed = seed;
        this.starts = starts;
    }

    @Override
    public Placement place(VirtualInfrastructureSpec vi, Substrate substrate) {
        PlacementProblem p = PlacementProblem.compile(vi, substrate);
        SplittableRandom random = new SplittableRandom(seed);
        Partition best = null;
        String[] bestHosts = null;
        String firstFailure = null;
        int runs = starts > 0 ? starts : p.units <= 40 ? 24 : p.units <= 200 ? 8 : 3;
        for (int run = 0; run < runs; run++) {
            Partition part = new Partition(p);
            int failed = grow(part, unitOrder(p, run, random), siteOrder(p, run, random));
            if (failed >= 0) {
                firstFailure = firstFailure == null ? Explanation.unplaceable(part, failed) : firstFailure;
                continue;
            }
            Refinement.fm(part);
            HostPacker.Result packed = packWithRepair(part);
            if (!packed.packed()) {
                firstFailure = firstFailure == null ? packed.failure() : firstFailure;
                continue;
            }
            if (best == null || part.objective() < best.objective() - EPS) {
                best = part;
                bestHosts = packed.hostOf();
            }
        }
        if (best == null) {
            throw new PlacementRefusedException("no placement found: " + firstFailure);
        }
        return Placements.of(best, bestHosts);
    }

    /** Places every unit; returns the first unit that could go nowhere, or -1. */
    static int grow(Partition part, int[] units, int[] sites) {
        PlacementProblem p = part.p;
        for (int s : sites) {
            PriorityQueue<double[]> frontier = new PriorityQueue<>(
                    Comparator.<double[]>comparingDouble(e -> -e[0]).thenComparingDouble(e -> e[1]));
            int next = 0;
            while (true) {
                int u = -1;
                while (!frontier.isEmpty() && u < 0) {
                    int candidate = (int) frontier.poll()[1];
                    if (part.canPlace(candidate, s)) {
                        u = candidate;
                    }
                }
                while (u < 0 && next < units.length) {
                    int candidate = units[next++];
                    if (part.canPlace(candidate, s)) {
                        u = candidate;
                    }
                }
                if (u < 0) {
                    break;
                }
                part.place(u, s);
                for (int v : p.neighbour[u]) {
                    if (part.at[v] < 0) {
                        frontier.add(new double[] {part.conn[v][s], v});
                    }
                }
            }
        }
        for (int u : units) {
            if (part.at[u] < 0 && !placeBest(part, u)) {
                return u;
            }
        }
        return -1;
    }

    /** Puts an unplaced unit where it adds least to the objective; false when no site can take it. */
    static boolean placeBest(Partition part, int u) {
        int best = -1;
        for (int s = 0; s < part.p.k; s++) {
            if (part.canPlace(u, s) && (best < 0 || part.delta(u, s) < part.delta(u, best) - EPS)) {
                best = s;
            }
        }
        if (best >= 0) {
            part.place(u, best);
        }
        return best >= 0;
    }

    static HostPacker.Result packWithRepair(Partition part) {
        HostPacker.Result packed = HostPacker.pack(part);
        for (int round = 0; !packed.packed() && round < 2 * part.p.k + 10; round++) {
            int u = packed.failedUnit();
            int from = part.at[u];
            part.forbidden[u][from] = true;
            part.remove(u);
            if (!placeBest(part, u)) {
                part.place(u, from);
                return packed;
            }
            Refinement.fm(part);
            packed = HostPacker.pack(part);
        }
        return packed;
    }

    private static int[] unitOrder(PlacementProblem p, int run, SplittableRandom random) {
        Integer[] order = new Integer[p.units];
        for (int u = 0; u < p.units; u++) {
            order[u] = u;
        }
        if (run == 0) {
            Arrays.sort(order, Comparator.<Integer>comparingDouble(u -> -p.unitMbps[u])
                    .thenComparingLong(u -> -p.unitDemand[u][PlacementProblem.MEMORY]).thenComparingInt(u -> u));
        } else {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /** Cheapest first; then the operator's preference order (run 0), the largest (run 1) or a random order. */
    private static int[] siteOrder(PlacementProblem p, int run, SplittableRandom random) {
        double[] tie = new double[p.k];
        for (int s = 0; s < p.k; s++) {
            tie[s] = run == 0 ? s : run == 1 ? -p.capacity[s][PlacementProblem.CORES] : random.nextDouble();
        }
        List<Integer> order = new ArrayList<>();
        for (int s = 0; s < p.k; s++) {
            order.add(s);
        }
        order.sort(Comparator.<Integer>comparingDouble(s -> p.costPerCore[s]).thenComparingDouble(s -> tie[s])
                .thenComparingInt(s -> s));
        return order.stream().mapToInt(Integer::intValue).toArray();
    }
}
