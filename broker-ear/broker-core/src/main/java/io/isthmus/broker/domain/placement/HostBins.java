package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.domain.placement.PlacementProblem.CORES;
import static io.isthmus.broker.domain.placement.PlacementProblem.DISK;
import static io.isthmus.broker.domain.placement.PlacementProblem.MEMORY;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The hosts under a partition, kept packed as units come and go: a unit goes to a site only if its nodes fit that
 * site's hosts now, item by item (nodes that must share a host are one item), largest first, each on the host it
 * leaves tightest (best fit, remaining capacity summed over cores, memory and disk, each scaled by the site's
 * largest host). So every state the partitioning engine reaches is packed, and a full site refuses what it could
 * not hold instead of being repaired afterwards. Anti-affinity members never share a host; a pinned node goes to
 * its host.
 */
final class HostBins {
    private final PlacementProblem p;
    private final long[][][] free;      // [site][host][dim]
    private final double[][] scale;     // [site][dim]
    private final int[] hostOf;         // [node] host index at its site, -1 when unplaced
    private final int[][][] antiOn;     // [group][site][host]
    private final int[][] pinnedHostIndex; // [node][site] index of the pinned host, -1 when none or absent
    private final int[][][][] items;    // [unit][connectivity][item] nodes, largest item first
    private final int[] at;             // the partition's unit → site, read only
    private final boolean repack;

    /**
     * @param at     the partition's unit → site array (read, never written)
     * @param repack when a unit does not fit a site's hosts as they are, try packing the whole site again with it
     *               (a bounded search); worth it on small requests, where hosts are few and full
     */
    HostBins(PlacementProblem p, int[] at, boolean repack) {
        this.p = p;
        this.at = at;
        this.repack = repack;
        free = new long[p.k][][];
        scale = new double[p.k][3];
        for (int s = 0; s < p.k; s++) {
            List<HostOffer> hosts = p.site[s].hosts();
            free[s] = new long[hosts.size()][];
            for (int h = 0; h < hosts.size(); h++) {
                HostOffer o = hosts.get(h);
                free[s][h] = new long[] {Math.max(0, o.freeCores()), Math.max(0, o.freeMemoryMib()),
                        Math.max(0, o.freeDiskGib())};
                for (int d = 0; d < 3; d++) {
                    scale[s][d] = Math.max(scale[s][d], Math.max(1, free[s][h][d]));
                }
            }
        }
        hostOf = new int[p.n];
        Arrays.fill(hostOf, -1);
        antiOn = new int[p.antiGroup.length][p.k][];
        for (int g = 0; g < p.antiGroup.length; g++) {
            for (int s = 0; s < p.k; s++) {
                antiOn[g][s] = new int[p.hostCount[s]];
            }
        }
        pinnedHostIndex = new int[p.n][p.k];
        for (int i = 0; i < p.n; i++) {
            Arrays.fill(pinnedHostIndex[i], -1);
            if (p.pinnedHost[i] != null) {
                for (int s = 0; s < p.k; s++) {
                    List<HostOffer> hosts = p.site[s].hosts();
                    for (int h = 0; h < hosts.size(); h++) {
                        if (hosts.get(h).host().equals(p.pinnedHost[i])) {
                            pinnedHostIndex[i][s] = h;
                        }
                    }
                }
            }
        }
        items = new int[p.units][Connectivity.values().length][][];
    }

    /** Whether the unit's nodes fit the site's hosts as they are now, or (with repacking) once the site is repacked. */
    boolean fits(int u, int s) {
        return fitsAsIs(u, s) || repack && repacked(u, s) != null;
    }

    private boolean fitsAsIs(int u, int s) {
        int[][] unitItems = items(u, s);
        int[] chosen = new int[unitItems.length];
        int done = 0;
        boolean ok = true;
        for (; done < unitItems.length; done++) {
            chosen[done] = bestHost(unitItems[done], s);
            if (chosen[done] < 0) {
                ok = false;
                break;
            }
            take(unitItems[done], s, chosen[done], 1);
        }
        for (int i = done - 1; i >= 0; i--) {
            take(unitItems[i], s, chosen[i], -1);
        }
        return ok;
    }

    void place(int u, int s) {
        if (fitsAsIs(u, s)) {
            for (int[] item : items(u, s)) {
                take(item, s, bestHost(item, s), 1);
            }
            return;
        }
        List<int[]> layout = repack ? siteItemsWith(u, s) : null;
        int[] hosts = layout == null ? null : ExhaustivePacking.search(p, s, layout, REPACK_BUDGET);
        if (hosts == null) {
            throw new IllegalStateException(p.unitName(u) + " does not fit the hosts of " + p.site[s].site());
        }
        for (int[] item : layout) {
            if (hostOf[item[0]] >= 0) {
                take(item, s, hostOf[item[0]], -1);
            }
        }
        for (int it = 0; it < layout.size(); it++) {
            take(layout.get(it), s, hosts[it], 1);
        }
    }

    /** Steps the repacking search may take per try. */
    static final long REPACK_BUDGET = 800;

    private int[] repacked(int u, int s) {
        List<int[]> layout = siteItemsWith(u, s);
        return layout == null ? null : ExhaustivePacking.search(p, s, layout, REPACK_BUDGET);
    }

    /** Every item placed at the site plus the unit's, largest first; null if one item can never be placed. */
    private List<int[]> siteItemsWith(int u, int s) {
        List<int[]> all = new ArrayList<>();
        for (int v = 0; v < p.units; v++) {
            if (v == u || at[v] == s) {
                for (int[] item : items(v, s)) {
                    if (splitByAntiAffinity(item)) {
                        return null;
                    }
                    all.add(item);
                }
            }
        }
        all.sort(Comparator.<int[]>comparingDouble(it -> -dominantShare(it, s)).thenComparingInt(it -> it[0]));
        return all;
    }

    private double dominantShare(int[] item, int s) {
        return Math.max(sum(item, CORES) / scale[s][CORES], Math.max(sum(item, MEMORY) / scale[s][MEMORY],
                sum(item, DISK) / scale[s][DISK]));
    }

    /** Whether placing a unit may repack a whole site (so per-unit host snapshots do not survive a placement). */
    boolean repacks() {
        return repack;
    }

    /** Every host assignment and what every host has left, to go back to with {@link #restore}. */
    record Layout(int[] hostOf, long[][][] free, int[][][] antiOn) {
    }

    Layout save() {
        long[][][] f = new long[free.length][][];
        for (int s = 0; s < free.length; s++) {
            f[s] = new long[free[s].length][];
            for (int h = 0; h < free[s].length; h++) {
                f[s][h] = free[s][h].clone();
            }
        }
        int[][][] a = new int[antiOn.length][][];
        for (int g = 0; g < antiOn.length; g++) {
            a[g] = new int[antiOn[g].length][];
            for (int s = 0; s < antiOn[g].length; s++) {
                a[g][s] = antiOn[g][s].clone();
            }
        }
        return new Layout(hostOf.clone(), f, a);
    }

    void restore(Layout layout) {
        System.arraycopy(layout.hostOf(), 0, hostOf, 0, hostOf.length);
        for (int s = 0; s < free.length; s++) {
            for (int h = 0; h < free[s].length; h++) {
                System.arraycopy(layout.free()[s][h], 0, free[s][h], 0, 3);
            }
        }
        for (int g = 0; g < antiOn.length; g++) {
            for (int s = 0; s < antiOn[g].length; s++) {
                System.arraycopy(layout.antiOn()[g][s], 0, antiOn[g][s], 0, antiOn[g][s].length);
            }
        }
    }

    /** The host of each member of the unit, in {@code members[u]} order. */
    int[] hostsOf(int u) {
        int[] members = p.members[u];
        int[] hosts = new int[members.length];
        for (int m = 0; m < members.length; m++) {
            hosts[m] = hostOf[members[m]];
        }
        return hosts;
    }

    /** Puts the unit back on exactly the hosts it had ({@link #hostsOf}), whose room is known to be free. */
    void placeOn(int u, int s, int[] hosts) {
        int[] members = p.members[u];
        for (int m = 0; m < members.length; m++) {
            take(new int[] {members[m]}, s, hosts[m], 1);
        }
    }

    void remove(int u, int s) {
        for (int i : p.members[u]) {
            take(new int[] {i}, s, hostOf[i], -1);
        }
    }

    /** The host name of every node (all placed). */
    String[] hostNames(int[] unitSite) {
        String[] names = new String[p.n];
        for (int i = 0; i < p.n; i++) {
            names[i] = p.site[unitSite[p.unitOf[i]]].hosts().get(hostOf[i]).host();
        }
        return names;
    }

    /** The most free any single host of the site has now, per dimension. */
    long[] largestFree(int s) {
        long[] most = new long[3];
        for (long[] host : free[s]) {
            for (int d = 0; d < 3; d++) {
                most[d] = Math.max(most[d], host[d]);
            }
        }
        return most;
    }

    private int bestHost(int[] item, int s) {
        if (splitByAntiAffinity(item)) {
            return -1;
        }
        long[] need = new long[3];
        boolean nested = false;
        int pinned = -1;
        for (int i : item) {
            for (int d = 0; d < 3; d++) {
                need[d] += p.demand[i][d];
            }
            nested |= p.nested[i];
            pinned = pinnedHostIndex[i][s] >= 0 ? pinnedHostIndex[i][s] : pinned;
        }
        List<HostOffer> hosts = p.site[s].hosts();
        int best = -1;
        double bestSlack = Double.POSITIVE_INFINITY;
        for (int h = 0; h < hosts.size(); h++) {
            long[] f = free[s][h];
            if (f[CORES] < need[CORES] || f[MEMORY] < need[MEMORY] || f[DISK] < need[DISK]
                    || nested && !hosts.get(h).nested() || pinned >= 0 && pinned != h || antiClash(item, s, h)) {
                continue;
            }
            double slack = 0;
            for (int d = 0; d < 3; d++) {
                slack += (f[d] - need[d]) / scale[s][d];
            }
            if (slack < bestSlack) {
                bestSlack = slack;
                best = h;
            }
        }
        return best;
    }

    /** Whether two nodes of the item belong to one anti-affinity group (they must share a host and must not). */
    private boolean splitByAntiAffinity(int[] item) {
        for (int x = 0; x < item.length; x++) {
            for (int y = x + 1; y < item.length; y++) {
                for (int g : p.nodeAnti[item[x]]) {
                    for (int h : p.nodeAnti[item[y]]) {
                        if (g == h) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private boolean antiClash(int[] item, int s, int h) {
        for (int i : item) {
            for (int g : p.nodeAnti[i]) {
                if (antiOn[g][s][h] > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private void take(int[] item, int s, int h, int sign) {
        for (int i : item) {
            for (int d = 0; d < 3; d++) {
                free[s][h][d] -= sign * p.demand[i][d];
            }
            for (int g : p.nodeAnti[i]) {
                antiOn[g][s][h] += sign;
            }
            hostOf[i] = sign > 0 ? h : -1;
        }
    }

    /**
     * The unit's nodes grouped by the links that must stay on one host at the site (bound below its connectivity),
     * largest first; a group holding two members of one anti-affinity group can never be placed (empty host list).
     */
    private int[][] items(int u, int s) {
        int c = p.site[s].connectivity().ordinal();
        if (items[u][c] == null) {
            items[u][c] = group(u, p.site[s].connectivity().latencyMs());
        }
        return items[u][c];
    }

    private int[][] group(int u, double intra) {
        int[] members = p.members[u];
        UnionFind uf = new UnionFind(members.length);
        for (int e = 0; e < p.edgeA.length; e++) {
            if (p.edgeBound[e] < intra && p.unitOf[p.edgeA[e]] == u && p.unitOf[p.edgeB[e]] == u) {
                uf.union(indexOf(members, p.edgeA[e]), indexOf(members, p.edgeB[e]));
            }
        }
        int[] label = uf.compactLabels();
        int count = Arrays.stream(label).max().orElse(-1) + 1;
        List<List<Integer>> groups = new ArrayList<>();
        for (int g = 0; g < count; g++) {
            groups.add(new ArrayList<>());
        }
        for (int m = 0; m < members.length; m++) {
            groups.get(label[m]).add(members[m]);
        }
        List<int[]> result = new ArrayList<>();
        groups.forEach(g -> result.add(g.stream().mapToInt(Integer::intValue).toArray()));
        result.sort(Comparator.<int[]>comparingLong(it -> -sum(it, MEMORY)).thenComparingLong(it -> -sum(it, CORES))
                .thenComparingInt(it -> it[0]));
        return result.toArray(new int[0][]);
    }

    private long sum(int[] item, int d) {
        long total = 0;
        for (int i : item) {
            total += p.demand[i][d];
        }
        return total;
    }

    private static int indexOf(int[] a, int x) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == x) {
                return i;
            }
        }
        throw new IllegalArgumentException(x + " not in unit");
    }
}
