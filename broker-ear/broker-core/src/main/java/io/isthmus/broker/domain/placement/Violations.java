package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.domain.placement.PlacementProblem.EPS;

/**
 * How far a complete, possibly infeasible, partition is from honouring its constraints, for the annealing
 * baseline's energy. Each violated rule counts 1, plus its overflow normalised by what was available: a site's
 * capacity per dimension (all hosts, and hosts with nested virtualisation), an anti-affinity group's hosts at a
 * site, an inter-site link's free bandwidth; each latency-bounded link across sites too far apart counts 1. The
 * sum is 0 exactly when every placement of the partition would pass {@link Partition#canPlace}.
 */
final class Violations {
    private Violations() {
    }

    static double total(Partition part) {
        PlacementProblem p = part.p;
        double v = 0;
        for (int s = 0; s < p.k; s++) {
            v += site(part, s);
            for (int t = s + 1; t < p.k; t++) {
                v += link(part, s, t);
            }
        }
        for (int u = 0; u < p.units; u++) {
            v += latency(part, u) / 2;
        }
        return v;
    }

    /**
     * Everything a move of units between sites a and b can change: both sites, every link touching either, and the
     * latency-bounded links of the moved units (a link between two moved units counts twice, before and after
     * alike).
     */
    static double around(Partition part, int a, int b, int u, int v) {
        PlacementProblem p = part.p;
        double sum = site(part, a) + site(part, b);
        for (int t = 0; t < p.k; t++) {
            if (t != a) {
                sum += link(part, a, t);
            }
            if (t != a && t != b) {
                sum += link(part, b, t);
            }
        }
        sum += latency(part, u);
        if (v >= 0) {
            sum += latency(part, v);
        }
        return sum;
    }

    static double site(Partition part, int s) {
        PlacementProblem p = part.p;
        double v = 0;
        for (int d = 0; d < 3; d++) {
            v += over(part.load[s][d], p.capacity[s][d]) + over(part.nestedLoad[s][d], p.nestedCapacity[s][d]);
        }
        for (int g = 0; g < p.antiGroup.length; g++) {
            v += over(part.anti[g][s], p.hostCount[s]);
        }
        return v;
    }

    static double link(Partition part, int s, int t) {
        double free = part.p.linkFree[s][t];
        double load = part.pair[s][t];
        return load > free + EPS ? 1 + (load - free) / Math.max(free, 1) : 0;
    }

    /** The latency-bounded links of unit u whose ends sit at sites too far apart. */
    static double latency(Partition part, int u) {
        PlacementProblem p = part.p;
        int s = part.at[u];
        int count = 0;
        int[] nb = p.neighbour[u];
        for (int j = 0; j < nb.length; j++) {
            int t = part.at[nb[j]];
            if (t != s && p.latency[s][t] > p.neighbourBound[u][j]) {
                count++;
            }
        }
        return count;
    }

    private static double over(long load, long capacity) {
        return load > capacity ? 1 + (double) (load - capacity) / Math.max(capacity, 1) : 0;
    }
}
