package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.domain.placement.PlacementProblem.EPS;

import java.util.Arrays;

/**
 * A (partial) assignment of units to sites with everything kept incrementally: each site's load, each unit's
 * bandwidth towards each site, the bandwidth between each pair of sites, anti-affinity counts and the objective
 * (inter-site Mbit/s plus site cost). Every engine works on this state; {@link #canPlace} is the one feasibility
 * rule for capacity, latency bounds, inter-site link capacity and anti-affinity.
 */
final class Partition {
    final PlacementProblem p;
    final int[] at;
    final long[][] load;
    final long[][] nestedLoad;
    final double[][] conn;     // [unit][site]: Mbit/s from the unit to placed units at the site
    final double[][] pair;     // [site][site]: Mbit/s between sites
    final int[][] anti;        // [group][site]
    final boolean[][] forbidden;
    private double cut;
    private double siteCost;

    Partition(PlacementProblem p) {
        this.p = p;
        at = new int[p.units];
        Arrays.fill(at, -1);
        load = new long[p.k][3];
        nestedLoad = new long[p.k][3];
        conn = new double[p.units][p.k];
        pair = new double[p.k][p.k];
        anti = new int[p.antiGroup.length][p.k];
        forbidden = new boolean[p.units][p.k];
    }

    Partition(Partition other) {
        p = other.p;
        at = other.at.clone();
        load = deep(other.load);
        nestedLoad = deep(other.nestedLoad);
        conn = deep(other.conn);
        pair = deep(other.pair);
        anti = deep(other.anti);
        forbidden = deep(other.forbidden);
        cut = other.cut;
        siteCost = other.siteCost;
    }

    /** Inter-site Mbit/s plus site cost. */
    double objective() {
        return cut + siteCost;
    }

    double cut() {
        return cut;
    }

    /** What placing unit u at site s adds to the objective, given the units already placed. */
    double delta(int u, int s) {
        double crossing = 0;
        for (int t = 0; t < p.k; t++) {
            if (t != s) {
                crossing += conn[u][t];
            }
        }
        return crossing + p.costPerCore[s] * p.unitDemand[u][PlacementProblem.CORES];
    }

    boolean canPlace(int u, int s) {
        return at[u] < 0 && p.allowed[u][s] && !forbidden[u][s] && capacityAllows(u, s) && latencyAllows(u, s)
                && linksAllow(u, s) && antiAffinityAllows(u, s);
    }

    boolean capacityAllows(int u, int s) {
        for (int d = 0; d < 3; d++) {
            if (load[s][d] + p.unitDemand[u][d] > p.capacity[s][d]
                    || nestedLoad[s][d] + p.unitNestedDemand[u][d] > p.nestedCapacity[s][d]) {
                return false;
            }
        }
        return true;
    }

    boolean latencyAllows(int u, int s) {
        int[] nb = p.neighbour[u];
        for (int j = 0; j < nb.length; j++) {
            int t = at[nb[j]];
            if (t >= 0 && t != s && p.latency[s][t] > p.neighbourBound[u][j]) {
                return false;
            }
        }
        return true;
    }

    boolean linksAllow(int u, int s) {
        for (int t = 0; t < p.k; t++) {
            if (t != s && conn[u][t] > 0 && pair[s][t] + conn[u][t] > p.linkFree[s][t] + EPS) {
                return false;
            }
        }
        return true;
    }

    boolean antiAffinityAllows(int u, int s) {
        int[] groups = p.unitAnti[u];
        for (int g : groups) {
            int mine = 0;
            for (int h : groups) {
                mine += h == g ? 1 : 0;
            }
            if (anti[g][s] + mine > p.hostCount[s]) {
                return false;
            }
        }
        return true;
    }

    void place(int u, int s) {
        if (at[u] >= 0) {
            throw new IllegalStateException("unit " + u + " is already at site " + at[u]);
        }
        at[u] = s;
        shift(u, s, 1);
        siteCost += p.costPerCore[s] * p.unitDemand[u][PlacementProblem.CORES];
    }

    void remove(int u) {
        int s = at[u];
        if (s < 0) {
            return;
        }
        shift(u, s, -1);
        siteCost -= p.costPerCore[s] * p.unitDemand[u][PlacementProblem.CORES];
        at[u] = -1;
    }

    void move(int u, int s) {
        remove(u);
        place(u, s);
    }

    private void shift(int u, int s, int sign) {
        for (int d = 0; d < 3; d++) {
            load[s][d] += sign * p.unitDemand[u][d];
            nestedLoad[s][d] += sign * p.unitNestedDemand[u][d];
        }
        for (int g : p.unitAnti[u]) {
            anti[g][s] += sign;
        }
        int[] nb = p.neighbour[u];
        for (int j = 0; j < nb.length; j++) {
            int v = nb[j];
            double w = p.neighbourMbps[u][j];
            conn[v][s] += sign * w;
            int t = at[v];
            if (t >= 0 && t != s) {
                pair[s][t] += sign * w;
                pair[t][s] += sign * w;
                cut += sign * w;
            }
        }
    }

    boolean complete() {
        for (int s : at) {
            if (s < 0) {
                return false;
            }
        }
        return true;
    }

    private static long[][] deep(long[][] a) {
        long[][] c = new long[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static double[][] deep(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static int[][] deep(int[][] a) {
        int[][] c = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static boolean[][] deep(boolean[][] a) {
        boolean[][] c = new boolean[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
