package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.domain.placement.PlacementProblem.CORES;
import static io.isthmus.broker.domain.placement.PlacementProblem.EPS;

import java.util.Arrays;
import java.util.Optional;

/**
 * Depth-first branch-and-bound over unit→site assignments on one {@link Partition}.
 *
 * <p><b>Pruning is sound because every rule of {@link Partition#canPlace} is monotone</b>: once {@code canPlace(u, s)}
 * is false it stays false while further units are added, so a unit with no feasible site now has none in any
 * completion. Capacity: site loads only grow. Latency bounds: adding units only adds placed neighbours to check.
 * Inter-site link capacity: {@code pair[s][t]} and {@code conn[u][t]} only grow, and the rule checks the sum;
 * conversely the final loads of a complete assignment are the loads each last placement checked, so a complete
 * assignment built through {@code canPlace} is within every link. Anti-affinity: the per-site group counts only
 * grow. {@code allowed} and {@code forbidden} do not change during the search. The checks are also independent of
 * the order units are added in, so the search covers every feasible assignment.
 *
 * <p><b>Bound.</b> {@code objective() + Σ over unplaced units of min over feasible sites of delta(u, s)}: a unit's
 * delta at its final site can only be larger than now (its bandwidth to placed units at other sites only grows)
 * and its feasible sites only fewer. Bandwidth between two unplaced units counts as 0.
 *
 * <p><b>Branching.</b> Next is the unplaced unit with the most bandwidth to placed units (neighbours of placed units
 * early), then the most bandwidth overall; its sites are tried cheapest delta first, and a site whose bound reaches
 * the incumbent ends the loop. Sites identical in everything ({@link SiteSymmetry}) are interchangeable while empty:
 * only the first empty one of a class is tried.
 */
final class BranchAndBound {
    private final PlacementProblem p;
    private final Partition part;
    private final long budget;
    private final int[] siteClass;
    private final int[] unitsAt;
    private double bestObjective;
    private Placement best;
    private long nodes;
    private boolean exhausted;

    BranchAndBound(PlacementProblem p, long budget, double upperBound) {
        this.p = p;
        this.part = new Partition(p);
        this.budget = budget;
        this.siteClass = SiteSymmetry.classes(p);
        this.unitsAt = new int[p.k];
        this.bestObjective = upperBound;
    }

    void run() {
        descend(0);
    }

    Optional<Placement> best() {
        return Optional.ofNullable(best);
    }

    long nodes() {
        return nodes;
    }

    boolean exhausted() {
        return exhausted;
    }

    private void descend(int placed) {
        if (placed == p.units) {
            leaf();
            return;
        }
        double bound = part.objective();
        int next = -1;
        double nextMin = 0;
        double nextConn = -1;
        for (int u = 0; u < p.units; u++) {
            if (part.at[u] >= 0) {
                continue;
            }
            double conn = 0;
            for (int s = 0; s < p.k; s++) {
                conn += part.conn[u][s];
            }
            double min = Double.POSITIVE_INFINITY;
            for (int s = 0; s < p.k; s++) {
                if (part.canPlace(u, s)) {
                    min = Math.min(min, conn - part.conn[u][s] + p.costPerCore[s] * p.unitDemand[u][CORES]);
                }
            }
            if (min == Double.POSITIVE_INFINITY) {
                return;
            }
            bound += min;
            if (conn > nextConn + EPS || Math.abs(conn - nextConn) <= EPS && p.unitMbps[u] > p.unitMbps[next]) {
                next = u;
                nextConn = conn;
                nextMin = min;
            }
        }
        if (bound >= bestObjective - EPS) {
            return;
        }
        double rest = bound - nextMin;
        for (int s : sitesByDelta(next)) {
            if (rest + part.delta(next, s) >= bestObjective - EPS) {
                return;
            }
            if (++nodes > budget) {
                exhausted = true;
                return;
            }
            part.place(next, s);
            unitsAt[s]++;
            descend(placed + 1);
            part.remove(next);
            unitsAt[s]--;
            if (exhausted) {
                return;
            }
        }
    }

    /** The feasible sites of unit u, cheapest first, one empty site per class of identical sites. */
    private int[] sitesByDelta(int u) {
        int[] sites = new int[p.k];
        double[] delta = new double[p.k];
        int count = 0;
        for (int s = 0; s < p.k; s++) {
            if (!part.canPlace(u, s) || unitsAt[s] == 0 && anEarlierEmptyTwin(s)) {
                continue;
            }
            double d = part.delta(u, s);
            int i = count++;
            while (i > 0 && delta[i - 1] > d) {
                sites[i] = sites[i - 1];
                delta[i] = delta[i - 1];
                i--;
            }
            sites[i] = s;
            delta[i] = d;
        }
        return Arrays.copyOf(sites, count);
    }

    private boolean anEarlierEmptyTwin(int s) {
        for (int t = 0; t < s; t++) {
            if (siteClass[t] == siteClass[s] && unitsAt[t] == 0) {
                return true;
            }
        }
        return false;
    }

    private void leaf() {
        double objective = part.objective();
        if (objective >= bestObjective - EPS) {
            return;
        }
        HostPacker.Result packed = HostPacker.pack(part);
        if (packed.packed()) {
            bestObjective = objective;
            best = Placements.of(part, packed.hostOf());
        }
    }
}
