package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.domain.placement.PlacementProblem.EPS;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Local improvement of a complete partition. k-way Fiduccia–Mattheyses: a pass repeatedly makes the feasible move
 * with the highest gain (even a negative one), locks the moved unit, and finally rolls back to the best prefix;
 * passes repeat while they gain, and a pass ends early after a run of moves that did not improve on its best. When
 * sites are full, single moves stall; pairwise moves then open the way — u takes v's site while v goes back to u's
 * (a swap) or, on small requests, on to a third site (an ejection chain) — with a neighbour of the unit, or with
 * any unit on small requests, and FM runs again.
 */
final class Refinement {
    private static final int MAX_PASSES = 12;
    private static final int MAX_ROUNDS = 6;
    /** Up to this many units, a unit is tried against every unit on another site, not only its neighbours. */
    private static final int ALL_PAIRS_UP_TO = 40;

    /** FM, then swaps, while the swaps gain. */
    static void improve(Partition part) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            fm(part);
            if (!swaps(part)) {
                return;
            }
        }
    }

    /** One sweep of improving swaps; true if any was made. */
    static boolean swaps(Partition part) {
        PlacementProblem p = part.p;
        boolean improved = false;
        for (int u = 0; u < p.units; u++) {
            if (p.units <= ALL_PAIRS_UP_TO) {
                for (int v = 0; v < p.units; v++) {
                    improved |= v != u && trySwap(part, u, v);
                }
            } else {
                for (int v : p.neighbour[u]) {
                    improved |= trySwap(part, u, v);
                }
            }
        }
        return improved;
    }

    /**
     * Moves u to v's site and v to another site c — u's old site (a swap) or, on small requests, a third site (an
     * ejection chain) — if that is feasible and lowers the objective; otherwise leaves both where they were.
     */
    private static boolean trySwap(Partition part, int u, int v) {
        int a = part.at[u];
        int b = part.at[v];
        if (a == b || !part.p.allowed[u][b]) {
            return false;
        }
        int[] hostsU = part.hostSnapshot(u);
        int[] hostsV = part.hostSnapshot(v);
        HostBins.Layout layout = part.snapshotsHold() ? null : part.bins.save();
        for (int i = 0; i < part.p.k; i++) {
            int c = (a + i) % part.p.k;
            if (c == b || !part.p.allowed[v][c]) {
                continue;
            }
            double before = part.objective();
            part.remove(u);
            part.remove(v);
            if (part.canPlace(u, b)) {
                part.place(u, b);
                if (part.canPlace(v, c)) {
                    part.place(v, c);
                    if (part.objective() < before - EPS) {
                        return true;
                    }
                    part.remove(v);
                }
                part.remove(u);
            }
            if (layout == null) {
                part.placeOn(u, a, hostsU);
                part.placeOn(v, b, hostsV);
            } else {
                part.restore(new int[] {u, v}, new int[] {a, b}, layout);
            }
            if (part.p.units > ALL_PAIRS_UP_TO) {
                return false;
            }
        }
        return false;
    }

    private record Move(double gain, int unit, int target, int version) {
    }

    /** A move made in a pass: the unit, the site it left and its hosts there. */
    private record Made(int unit, int from, int[] hosts) {
    }

    static void fm(Partition part) {
        PlacementProblem p = part.p;
        if (p.k < 2) {
            return;
        }
        int patience = Math.min(p.units, 50 + p.units / 20);
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            if (pass(part, patience) <= EPS) {
                return;
            }
        }
    }

    /** One pass; returns what it gained. */
    private static double pass(Partition part, int patience) {
        PlacementProblem p = part.p;
        boolean[] locked = new boolean[p.units];
        int[] version = new int[p.units];
        PriorityQueue<Move> queue = new PriorityQueue<>((a, b) -> a.gain != b.gain ? Double.compare(b.gain, a.gain)
                : a.unit != b.unit ? Integer.compare(a.unit, b.unit) : Integer.compare(a.target, b.target));
        boolean pricesDiffer = false;
        for (int s = 1; s < p.k; s++) {
            pricesDiffer |= p.costPerCore[s] != p.costPerCore[0];
        }
        for (int u = 0; u < p.units; u++) {
            if (boundary(part, u, pricesDiffer)) {
                offer(part, queue, u, 0);
            }
        }
        List<Made> log = new ArrayList<>();
        HostBins.Layout bestLayout = part.snapshotsHold() ? null : part.bins.save();
        double gained = 0;
        double best = 0;
        int bestLength = 0;
        int sinceBest = 0;
        while (!queue.isEmpty() && sinceBest < patience) {
            Move m = queue.poll();
            if (locked[m.unit] || m.version != version[m.unit]) {
                continue;
            }
            int from = part.at[m.unit];
            int[] hosts = part.hostSnapshot(m.unit);
            part.remove(m.unit);
            if (!part.canPlace(m.unit, m.target)) {
                part.placeOn(m.unit, from, hosts);
                offer(part, queue, m.unit, ++version[m.unit]);
                continue;
            }
            part.place(m.unit, m.target);
            locked[m.unit] = true;
            log.add(new Made(m.unit, from, hosts));
            gained += m.gain;
            if (gained > best + EPS) {
                best = gained;
                bestLength = log.size();
                sinceBest = 0;
                bestLayout = part.snapshotsHold() ? null : part.bins.save();
            } else {
                sinceBest++;
            }
            for (int v : p.neighbour[m.unit]) {
                if (!locked[v]) {
                    offer(part, queue, v, ++version[v]);
                }
            }
        }
        if (bestLayout == null) {
            for (int i = log.size() - 1; i >= bestLength; i--) {
                Made made = log.get(i);
                part.remove(made.unit());
                part.placeOn(made.unit(), made.from(), made.hosts());
            }
        } else if (bestLength < log.size()) {
            int count = log.size() - bestLength;
            int[] units = new int[count];
            int[] sites = new int[count];
            for (int i = log.size() - 1, j = 0; i >= bestLength; i--, j++) {
                units[j] = log.get(i).unit();
                sites[j] = log.get(i).from();
            }
            part.restore(units, sites, bestLayout);
        }
        return best;
    }

    /**
     * Queues the unit's best feasible move: sites are ranked by gain on the cheap checks, and packing is tried only
     * from the best down until one fits.
     */
    private static void offer(Partition part, PriorityQueue<Move> queue, int u, int version) {
        PlacementProblem p = part.p;
        int from = part.at[u];
        double[] conn = part.conn[u];
        long cores = p.unitDemand[u][PlacementProblem.CORES];
        int[] hosts = part.hostSnapshot(u);
        part.remove(u);
        int count = 0;
        int[] sites = new int[p.k];
        double[] gains = new double[p.k];
        for (int s = 0; s < p.k; s++) {
            if (s != from && part.canPlaceOnSite(u, s)) {
                sites[count] = s;
                gains[count++] = conn[s] - conn[from] + (p.costPerCore[from] - p.costPerCore[s]) * cores;
            }
        }
        int target = -1;
        double gain = Double.NEGATIVE_INFINITY;
        boolean[] tried = new boolean[count];
        for (int round = 0; round < count && target < 0; round++) {
            int pick = -1;
            for (int i = 0; i < count; i++) {
                if (!tried[i] && (pick < 0 || gains[i] > gains[pick] + EPS)) {
                    pick = i;
                }
            }
            tried[pick] = true;
            if (part.bins == null || part.bins.fits(u, sites[pick])) {
                target = sites[pick];
                gain = gains[pick];
            }
        }
        part.placeOn(u, from, hosts);
        if (target >= 0) {
            queue.add(new Move(gain, u, target, version));
        }
    }

    /** Whether moving the unit could gain: it has bandwidth to another site, or sites differ in price. */
    private static boolean boundary(Partition part, int u, boolean pricesDiffer) {
        if (pricesDiffer) {
            return true;
        }
        for (int t = 0; t < part.p.k; t++) {
            if (t != part.at[u] && part.conn[u][t] > EPS) {
                return true;
            }
        }
        return false;
    }
}
