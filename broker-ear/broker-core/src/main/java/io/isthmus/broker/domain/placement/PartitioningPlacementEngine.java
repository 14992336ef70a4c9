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
 * The broker's placement engine, in two levels kept consistent at every step. (1) Partition the request's units
 * over sites: grow one region per site, cheapest sites first, taking next the unit most connected to the region
 * (graph growing; latency-bounded neighbours first, and never a unit whose latency-bounded neighbours would be
 * left without a site close enough), then refine with k-way Fiduccia–Mattheyses passes (best move first, negative
 * moves allowed, each unit moved once per pass, roll back to the best prefix) and pairwise swaps, until neither
 * gains. Every move keeps site capacity, latency bounds, inter-site link capacity and anti-affinity. (2) Hosts are
 * kept packed throughout ({@link HostBins}): a unit enters a site only if its nodes fit that site's hosts then, so
 * the partition never needs repairing. Several starts (more for small requests) keep the best; they are drawn from
 * the seed, so the same seed gives the same placement.
 */
public final class PartitioningPlacementEngine implements PlacementEngine {
    public static final long DEFAULT_SEED = 0x15741L;
    /** Frontier priority of a unit joined to the region by a latency-bounded link. */
    private static final double BOUNDED_FIRST = 1e15;

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
        String firstFailure = null;
        int runs = starts > 0 ? starts : p.units <= 40 ? 16 : p.units <= 200 ? 8 : 3;
        for (int run = 0; run < runs; run++) {
            Partition part = new Partition(p, true);
            int failed = grow(part, unitOrder(p, run, random), siteOrder(p, run, random));
            if (failed >= 0) {
                firstFailure = firstFailure == null ? Explanation.unplaceable(part, failed) : firstFailure;
                continue;
            }
            Refinement.improve(part);
            if (best == null || part.objective() < best.objective() - EPS) {
                best = part;
            }
        }
        if (best == null) {
            throw new PlacementRefusedException("no placement found: " + firstFailure);
        }
        return Placements.of(best, best.bins.hostNames(best.at));
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
                    if (fitsKeepingNeighboursPlaceable(part, candidate, s)) {
                        u = candidate;
                    }
                }
                while (u < 0 && next < units.length) {
                    int candidate = units[next++];
                    if (fitsKeepingNeighboursPlaceable(part, candidate, s)) {
                        u = candidate;
                    }
                }
                if (u < 0) {
                    break;
                }
                part.place(u, s);
                int[] nb = p.neighbour[u];
                for (int j = 0; j < nb.length; j++) {
                    int v = nb[j];
                    if (part.at[v] < 0) {
                        double bonus = Double.isInfinite(p.neighbourBound[u][j]) ? 0 : BOUNDED_FIRST;
                        frontier.add(new double[] {part.conn[v][s] + bonus, v});
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

    /**
     * Whether unit u can go to site s now without stranding a latency-bounded neighbour: each unplaced one must
     * still have an allowed site, close enough to s, with room for it.
     */
    private static boolean fitsKeepingNeighboursPlaceable(Partition part, int u, int s) {
        if (!part.canPlace(u, s)) {
            return false;
        }
        PlacementProblem p = part.p;
        int[] nb = p.neighbour[u];
        for (int j = 0; j < nb.length; j++) {
            int v = nb[j];
            double bound = p.neighbourBound[u][j];
            if (part.at[v] >= 0 || Double.isInfinite(bound)) {
                continue;
            }
            boolean home = false;
            for (int t = 0; t < p.k && !home; t++) {
                if (!p.allowed[v][t] || t != s && p.latency[s][t] > bound) {
                    continue;
                }
                long[] extra = t == s ? p.unitDemand[u] : new long[3];
                home = true;
                for (int d = 0; d < 3; d++) {
                    home &= part.load[t][d] + extra[d] + p.unitDemand[v][d] <= p.capacity[t][d];
                }
            }
            if (!home) {
                return false;
            }
        }
        return true;
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
