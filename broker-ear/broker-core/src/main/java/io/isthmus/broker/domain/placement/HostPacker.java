package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.domain.placement.PlacementProblem.CORES;
import static io.isthmus.broker.domain.placement.PlacementProblem.DISK;
import static io.isthmus.broker.domain.placement.PlacementProblem.MEMORY;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts the nodes a partition gives each site on that site's hosts: best-fit decreasing, the largest item first and
 * onto the host it leaves tightest (remaining capacity summed over cores, memory and disk, each scaled by the
 * site's largest host). "Largest" is tried as the dominant share first, then by memory, cores and disk alone; the
 * first order that packs wins. When none does, a bounded exhaustive search ({@link ExhaustivePacking}) decides.
 * Nodes joined by a link whose latency bound is below the site's {@link Connectivity} go on one host as one item;
 * members of an anti-affinity group get distinct hosts; a node pinned to a host goes there.
 */
final class HostPacker {
    private HostPacker() {
    }

    /** Hosts per node, or the unit that did not fit and why. */
    record Result(String[] hostOf, int failedUnit, String failure) {
        boolean packed() {
            return failure == null;
        }
    }

    static Result pack(Partition part) {
        PlacementProblem p = part.p;
        String[] hostOf = new String[p.n];
        for (int s = 0; s < p.k; s++) {
            Result r = packSite(p, part, s, hostOf);
            if (!r.packed()) {
                return r;
            }
        }
        return new Result(hostOf, -1, null);
    }

    private static Result packSite(PlacementProblem p, Partition part, int s, String[] hostOf) {
        List<int[]> groups = groups(p, part, s);
        long[] scale = new long[3];
        for (HostOffer h : p.site[s].hosts()) {
            scale[CORES] = Math.max(scale[CORES], Math.max(1, h.freeCores()));
            scale[MEMORY] = Math.max(scale[MEMORY], Math.max(1, h.freeMemoryMib()));
            scale[DISK] = Math.max(scale[DISK], Math.max(1, h.freeDiskGib()));
        }
        Result first = null;
        for (int order = 0; order < 4; order++) {
            Result r = packSite(p, part, s, hostOf, sorted(p, groups, scale, order), scale);
            if (r.packed()) {
                return r;
            }
            first = first == null ? r : first;
        }
        if (first.failure().contains("anti-affinity group")) {
            return first;
        }
        List<int[]> items = sorted(p, groups, scale, 0);
        int[] hosts = ExhaustivePacking.search(p, s, items);
        if (hosts == null) {
            return first;
        }
        for (int it = 0; it < items.size(); it++) {
            for (int i : items.get(it)) {
                hostOf[i] = p.site[s].hosts().get(hosts[it]).host();
            }
        }
        return new Result(hostOf, -1, null);
    }

    private static Result packSite(PlacementProblem p, Partition part, int s, String[] hostOf, List<int[]> items,
                                   long[] scale) {
        List<HostOffer> hosts = p.site[s].hosts();
        long[][] free = new long[hosts.size()][];
        List<Set<Integer>> groupsOn = new ArrayList<>();
        for (int h = 0; h < hosts.size(); h++) {
            HostOffer o = hosts.get(h);
            free[h] = new long[] {o.freeCores(), o.freeMemoryMib(), o.freeDiskGib()};
            groupsOn.add(new HashSet<>());
        }
        for (int[] item : items) {
            long[] need = new long[3];
            boolean nested = false;
            String pinned = null;
            Set<Integer> groups = new HashSet<>();
            for (int i : item) {
                for (int d = 0; d < 3; d++) {
                    need[d] += p.demand[i][d];
                }
                nested |= p.nested[i];
                pinned = p.pinnedHost[i] != null ? p.pinnedHost[i] : pinned;
                for (int g : p.nodeAnti[i]) {
                    if (!groups.add(g)) {
                        return failure(p, part, item, s, sameHostLink(p, item, s) + ", but anti-affinity group "
                                + p.vi.constraints().antiAffinity().get(g).name() + " keeps its members on distinct"
                                + " hosts");
                    }
                }
            }
            int best = -1;
            for (int h = 0; h < hosts.size(); h++) {
                HostOffer o = hosts.get(h);
                boolean ok = free[h][CORES] >= need[CORES] && free[h][MEMORY] >= need[MEMORY] && free[h][DISK] >= need[DISK]
                        && (o.nested() || !nested) && (pinned == null || pinned.equals(o.host()))
                        && groups.stream().noneMatch(groupsOn.get(h)::contains);
                if (ok && (best < 0 || slack(free[h], need, scale) < slack(free[best], need, scale))) {
                    best = h;
                }
            }
            if (best < 0) {
                return failure(p, part, item, s, "no host at " + p.site[s].site() + " has " + PlacementProblem.demandText(need)
                        + (nested ? " with nested virtualisation" : "") + " left after the larger nodes there");
            }
            for (int d = 0; d < 3; d++) {
                free[best][d] -= need[d];
            }
            groupsOn.get(best).addAll(groups);
            for (int i : item) {
                hostOf[i] = hosts.get(best).host();
            }
        }
        return new Result(hostOf, -1, null);
    }

    /** Names a link inside the item whose bound only one host meets at site s. */
    private static String sameHostLink(PlacementProblem p, int[] item, int s) {
        Connectivity c = p.site[s].connectivity();
        for (int e = 0; e < p.edgeA.length; e++) {
            if (p.edgeBound[e] < c.latencyMs() && contains(item, p.edgeA[e]) && contains(item, p.edgeB[e])) {
                return "link " + p.node[p.edgeA[e]] + "–" + p.node[p.edgeB[e]] + " needs ≤ " + Infeasibility.ms(p.edgeBound[e])
                        + " ms, which at " + p.site[s].site() + " (" + c + ", " + Infeasibility.ms(c.latencyMs())
                        + " ms) only one host gives";
            }
        }
        return "they must share a host";
    }

    private static boolean contains(int[] item, int node) {
        for (int i : item) {
            if (i == node) {
                return true;
            }
        }
        return false;
    }

    /** What a host has left after taking the item, each dimension scaled by the site's largest host. */
    private static double slack(long[] free, long[] need, long[] scale) {
        double left = 0;
        for (int d = 0; d < 3; d++) {
            left += (double) (free[d] - need[d]) / scale[d];
        }
        return left;
    }

    /** The nodes at site s grouped by the links that must stay on one host. */
    private static List<int[]> groups(PlacementProblem p, Partition part, int s) {
        UnionFind uf = new UnionFind(p.n);
        double intra = p.site[s].connectivity().latencyMs();
        for (int e = 0; e < p.edgeA.length; e++) {
            int a = p.edgeA[e];
            int b = p.edgeB[e];
            if (p.edgeBound[e] < intra && part.at[p.unitOf[a]] == s && part.at[p.unitOf[b]] == s) {
                uf.union(a, b);
            }
        }
        List<List<Integer>> byRoot = new ArrayList<>();
        int[] slot = new int[p.n];
        Arrays.fill(slot, -1);
        for (int i = 0; i < p.n; i++) {
            if (part.at[p.unitOf[i]] != s) {
                continue;
            }
            int r = uf.find(i);
            if (slot[r] < 0) {
                slot[r] = byRoot.size();
                byRoot.add(new ArrayList<>());
            }
            byRoot.get(slot[r]).add(i);
        }
        List<int[]> items = new ArrayList<>();
        byRoot.forEach(l -> items.add(l.stream().mapToInt(Integer::intValue).toArray()));
        return items;
    }

    /** Pinned items first, then the largest by the order's measure: dominant share, memory, cores or disk. */
    private static List<int[]> sorted(PlacementProblem p, List<int[]> groups, long[] scale, int order) {
        List<int[]> items = new ArrayList<>(groups);
        Comparator<int[]> size = switch (order) {
            case 0 -> Comparator.comparingDouble(it -> -Math.max((double) sum(p, it, CORES) / scale[CORES],
                    Math.max((double) sum(p, it, MEMORY) / scale[MEMORY], (double) sum(p, it, DISK) / scale[DISK])));
            case 1 -> Comparator.comparingLong(it -> -sum(p, it, MEMORY));
            case 2 -> Comparator.comparingLong(it -> -sum(p, it, CORES));
            default -> Comparator.comparingLong(it -> -sum(p, it, DISK));
        };
        items.sort(Comparator.<int[]>comparingInt(it -> pinned(p, it) ? 0 : 1).thenComparing(size)
                .thenComparing(it -> -sum(p, it, MEMORY)).thenComparingInt(it -> it[0]));
        return items;
    }

    private static boolean pinned(PlacementProblem p, int[] item) {
        for (int i : item) {
            if (p.pinnedHost[i] != null) {
                return true;
            }
        }
        return false;
    }

    private static long sum(PlacementProblem p, int[] item, int d) {
        long total = 0;
        for (int i : item) {
            total += p.demand[i][d];
        }
        return total;
    }

    private static Result failure(PlacementProblem p, Partition part, int[] item, int s, String why) {
        int unit = p.unitOf[item[0]];
        for (int i : item) {
            if (p.demand[i][MEMORY] > p.demand[item[0]][MEMORY]) {
                unit = p.unitOf[i];
            }
        }
        List<String> names = new ArrayList<>();
        for (int i : item) {
            names.add(p.node[i]);
        }
        return new Result(null, unit, (names.size() == 1 ? "node " : "nodes ") + String.join(", ", names) + ": " + why);
    }
}
