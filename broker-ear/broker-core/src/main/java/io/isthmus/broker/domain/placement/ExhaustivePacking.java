package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.domain.placement.PlacementProblem.CORES;
import static io.isthmus.broker.domain.placement.PlacementProblem.DISK;
import static io.isthmus.broker.domain.placement.PlacementProblem.MEMORY;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Depth-first search for a packing of one site's items on its hosts: each item, largest first, tries every host
 * it fits, tightest first, so the first path is best-fit decreasing (hosts identical in what is left and in what
 * they may take are tried once). Gives up after a step budget, so the answer "no packing" is exact only within the budget.
 */
final class ExhaustivePacking {
    static final long BUDGET = 200_000;

    private final PlacementProblem p;
    private final int s;
    private final List<int[]> items;
    private final long[][] need;
    private final boolean[] nested;
    private final int[] pinned;
    private final long[][] free;
    private final int[][] antiOn;   // [host][group]
    private final int[] chosen;
    private final long[] scale = new long[3];
    private final long budget;
    private long steps;

    private ExhaustivePacking(PlacementProblem p, int s, List<int[]> items, long budget) {
        this.budget = budget;
        this.p = p;
        this.s = s;
        this.items = items;
        List<HostOffer> hosts = p.site[s].hosts();
        need = new long[items.size()][3];
        nested = new boolean[items.size()];
        pinned = new int[items.size()];
        for (int it = 0; it < items.size(); it++) {
            pinned[it] = -1;
            for (int i : items.get(it)) {
                for (int d = 0; d < 3; d++) {
                    need[it][d] += p.demand[i][d];
                }
                nested[it] |= p.nested[i];
                for (int h = 0; h < hosts.size(); h++) {
                    if (hosts.get(h).host().equals(p.pinnedHost[i])) {
                        pinned[it] = h;
                    }
                }
            }
        }
        free = new long[hosts.size()][];
        for (int h = 0; h < hosts.size(); h++) {
            free[h] = new long[] {hosts.get(h).freeCores(), hosts.get(h).freeMemoryMib(), hosts.get(h).freeDiskGib()};
        }
        for (long[] f : free) {
            for (int d = 0; d < 3; d++) {
                scale[d] = Math.max(scale[d], f[d]);
            }
        }
        antiOn = new int[hosts.size()][p.antiGroup.length];
        chosen = new int[items.size()];
    }

    /** Host index per item, or null when none was found within the budget. */
    static int[] search(PlacementProblem p, int s, List<int[]> items) {
        return search(p, s, items, BUDGET);
    }

    static int[] search(PlacementProblem p, int s, List<int[]> items, long budget) {
        ExhaustivePacking search = new ExhaustivePacking(p, s, items, budget);
        return search.place(0) ? search.chosen : null;
    }

    private boolean place(int it) {
        if (it == items.size()) {
            return true;
        }
        List<Integer> tried = new ArrayList<>();
        for (int h : bestFitFirst(it)) {
            if (++steps > budget) {
                return false;
            }
            if (sameAsTried(h, tried)) {
                continue;
            }
            tried.add(h);
            take(it, h, 1);
            chosen[it] = h;
            if (place(it + 1)) {
                return true;
            }
            take(it, h, -1);
            if (steps > budget) {
                return false;
            }
        }
        return false;
    }

    /** The hosts the item fits, tightest first (so the first path is best-fit decreasing). */
    private List<Integer> bestFitFirst(int it) {
        List<Integer> hosts = new ArrayList<>();
        double[] slack = new double[free.length];
        for (int h = 0; h < free.length; h++) {
            if (fits(it, h)) {
                hosts.add(h);
                for (int d = 0; d < 3; d++) {
                    slack[h] += (double) (free[h][d] - need[it][d]) / Math.max(1, scale[d]);
                }
            }
        }
        hosts.sort((x, y) -> Double.compare(slack[x], slack[y]));
        return hosts;
    }

    private boolean fits(int it, int h) {
        if (free[h][CORES] < need[it][CORES] || free[h][MEMORY] < need[it][MEMORY] || free[h][DISK] < need[it][DISK]
                || nested[it] && !p.site[s].hosts().get(h).nested() || pinned[it] >= 0 && pinned[it] != h) {
            return false;
        }
        for (int i : items.get(it)) {
            for (int g : p.nodeAnti[i]) {
                if (antiOn[h][g] > 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean sameAsTried(int h, List<Integer> tried) {
        for (int t : tried) {
            if (Arrays.equals(free[t], free[h]) && Arrays.equals(antiOn[t], antiOn[h])
                    && p.site[s].hosts().get(t).nested() == p.site[s].hosts().get(h).nested()) {
                return true;
            }
        }
        return false;
    }

    private void take(int it, int h, int sign) {
        for (int d = 0; d < 3; d++) {
            free[h][d] -= sign * need[it][d];
        }
        for (int i : items.get(it)) {
            for (int g : p.nodeAnti[i]) {
                antiOn[h][g] += sign;
            }
        }
    }
}
