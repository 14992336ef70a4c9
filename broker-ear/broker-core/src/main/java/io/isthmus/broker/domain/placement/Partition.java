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
    /** Up to this many units, a site is repacked when a unit does not fit its hosts as they are. */
    static final int REPACK_UP_TO = 60;
    /** The hosts kept packed as units move, or null when packing is left to {@link HostPacker} at the end. */
    final HostBins bins;
    private double cut;
    private double siteCost;

    Partition(PlacementProblem p) {
        this(p, false);
    }

    /** @param packed keep the hosts packed at every step ({@link HostBins}) */
    Partition(PlacementProblem p, boolean packed) {
        this.p = p;
        at = new int[p.units];
        Arrays.fill(at, -1);
        bins = packed ? new HostBins(p, at, p.units <= REPACK_UP_TO) : null;
        load = new long[p.k][3];
        nestedLoad = new long[p.k][3];
        conn = new double[p.units][p.k];
        pair = new double[p.k][p.k];
        anti = new int[p.antiGroup.length][p.k];
        forbidden = new boolean[p.units][p.k];
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
        return canPlaceOnSite(u, s) && (bins == null || bins.fits(u, s));
    }

    /** {@link #canPlace} without the hosts: the cheap checks, to rule sites out before packing is tried. */
    boolean canPlaceOnSite(int u, int s) {
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
        requireUnplaced(u);
        if (bins != null) {
            bins.place(u, s);
        }
        enter(u, s);
    }

    void remove(int u) {
        int s = at[u];
        if (s < 0) {
            return;
        }
        if (bins != null) {
            bins.remove(u, s);
        }
        leave(u);
    }

    /** Where the unit's nodes are now, to put it back exactly with {@link #placeOn}; null without host packing. */
    int[] hostSnapshot(int u) {
        return bins == null ? null : bins.hostsOf(u);
    }

    /** Places the unit back at a site and on the hosts of a snapshot taken there. */
    void placeOn(int u, int s, int[] hosts) {
        if (bins == null || hosts == null) {
            place(u, s);
            return;
        }
        requireUnplaced(u);
        bins.placeOn(u, s, hosts);
        enter(u, s);
    }

    /**
     * Puts units back where a saved state had them: sites here, hosts from the layout. Undoes trial moves made
     * after {@code layout} was saved, even where placements repacked whole sites.
     */
    void restore(int[] units, int[] sites, HostBins.Layout layout) {
        for (int u : units) {
            if (at[u] >= 0) {
                leave(u);
            }
        }
        for (int i = 0; i < units.length; i++) {
            enter(units[i], sites[i]);
        }
        bins.restore(layout);
    }

    private void requireUnplaced(int u) {
        if (at[u] >= 0) {
            throw new IllegalStateException("unit " + u + " is already at site " + at[u]);
        }
    }

    /** The partition's own bookkeeping of a unit arriving at a site (hosts are the caller's business). */
    private void enter(int u, int s) {
        at[u] = s;
        shift(u, s, 1);
        siteCost += p.costPerCore[s] * p.unitDemand[u][PlacementProblem.CORES];
    }

    private void leave(int u) {
        int s = at[u];
        shift(u, s, -1);
        siteCost -= p.costPerCore[s] * p.unitDemand[u][PlacementProblem.CORES];
        at[u] = -1;
    }

    /** Whether host snapshots of single units stay valid across placements (no whole-site repacking). */
    boolean snapshotsHold() {
        return bins == null || !bins.repacks();
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
}
