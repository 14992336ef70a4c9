package io.isthmus.broker.domain.placement;

import io.isthmus.broker.domain.reservation.LinkSpec;
import io.isthmus.broker.domain.reservation.NicSpec;
import io.isthmus.broker.domain.reservation.NodeGroup;
import io.isthmus.broker.domain.reservation.NodeSpec;
import io.isthmus.broker.domain.reservation.PlacementConstraints.Pin;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A request and a substrate compiled to arrays, shared by every engine. Nodes joined by an affinity group, or by a
 * link whose latency bound no pair of sites meets, are contracted into one <em>unit</em> that goes to one site;
 * engines assign units to sites and {@link HostPacker} then puts nodes on hosts.
 *
 * <p>Links: a node-to-node link is one edge. A segment-wide link with bandwidth {@code B} over {@code k} members is a
 * clique of edges of {@code B/(k-1)}: each member's port carries at most {@code B}, spread evenly over its peers,
 * which is exact for uniform all-to-all traffic. Latency bounds hold between every pair of members.
 */
final class PlacementProblem {
    static final int CORES = 0;
    static final int MEMORY = 1;
    static final int DISK = 2;
    static final double UNMEASURED = Double.POSITIVE_INFINITY;
    static final double EPS = 1e-6;

    final VirtualInfrastructureSpec vi;
    final Substrate substrate;

    // nodes
    final int n;
    final String[] node;
    final long[][] demand;           // [node][dim]
    final boolean[] nested;
    final String[] image;
    final String[] pinnedHost;       // null when not pinned to a host
    final boolean[][] nodeAllowed;   // [node][site]: pins, the site's image catalog and a host that can take the node alone
    // sites
    final int k;
    final SiteOffer[] site;
    final long[][] capacity;         // [site][dim], all hosts together
    final long[][] nestedCapacity;   // [site][dim], hosts with nested virtualisation
    final double[][] latency;        // [site][site], UNMEASURED when no link
    final double[][] linkFree;       // [site][site], +inf when no link
    final double[] costPerCore;
    // node-level edges
    final int[] edgeA;
    final int[] edgeB;
    final double[] edgeMbps;
    final double[] edgeBound;        // +inf when unbounded
    // units
    final int units;
    final int[] unitOf;
    final int[][] members;
    final long[][] unitDemand;       // [unit][dim]
    final long[][] unitNestedDemand; // [unit][dim]
    final boolean[][] allowed;       // [unit][site]
    final int[][] neighbour;         // [unit][i]
    final double[][] neighbourMbps;  // [unit][i]
    final double[][] neighbourBound; // [unit][i]
    final String[][] neighbourLink;  // [unit][i] "a–b" of the tightest-bound edge, for refusals
    final double[] unitMbps;         // total bandwidth of a unit's edges to other units
    // anti-affinity
    final int[][] antiGroup;         // [group] node indices
    final int[][] unitAnti;          // [unit] group ids (one entry per member in the group)
    final int[][] nodeAnti;          // [node] group ids
    final int[] hostCount;

    private PlacementProblem(VirtualInfrastructureSpec vi, Substrate substrate) {
        this.vi = vi;
        this.substrate = substrate;
        n = vi.nodes().size();
        node = new String[n];
        demand = new long[n][3];
        nested = new boolean[n];
        image = new String[n];
        pinnedHost = new String[n];
        Map<String, Integer> nodeIndex = new HashMap<>();
        for (int i = 0; i < n; i++) {
            NodeSpec s = vi.nodes().get(i);
            node[i] = s.name();
            demand[i] = new long[] {s.vcpus(), s.memoryMib(), s.diskGib()};
            nested[i] = s.nested();
            image[i] = s.image();
            nodeIndex.put(s.name(), i);
        }
        k = substrate.sites().size();
        site = substrate.sites().toArray(new SiteOffer[0]);
        capacity = new long[k][3];
        nestedCapacity = new long[k][3];
        costPerCore = new double[k];
        hostCount = new int[k];
        Map<String, Integer> siteIndex = new HashMap<>();
        for (int s = 0; s < k; s++) {
            siteIndex.put(site[s].site(), s);
            costPerCore[s] = site[s].costPerCore();
            hostCount[s] = site[s].hosts().size();
            for (HostOffer h : site[s].hosts()) {
                long[] free = {Math.max(0, h.freeCores()), Math.max(0, h.freeMemoryMib()), Math.max(0, h.freeDiskGib())};
                for (int d = 0; d < 3; d++) {
                    capacity[s][d] += free[d];
                    if (h.nested()) {
                        nestedCapacity[s][d] += free[d];
                    }
                }
            }
        }
        latency = new double[k][k];
        linkFree = new double[k][k];
        for (int s = 0; s < k; s++) {
            Arrays.fill(latency[s], UNMEASURED);
            Arrays.fill(linkFree[s], Double.POSITIVE_INFINITY);
            latency[s][s] = 0;
        }
        for (InterSiteLink l : substrate.links()) {
            Integer a = siteIndex.get(l.siteA());
            Integer b = siteIndex.get(l.siteB());
            if (a != null && b != null) {
                latency[a][b] = latency[b][a] = l.latencyMs();
                linkFree[a][b] = linkFree[b][a] = l.freeMbps();
            }
        }
        List<double[]> edges = edges(vi, nodeIndex);
        int m = edges.size();
        edgeA = new int[m];
        edgeB = new int[m];
        edgeMbps = new double[m];
        edgeBound = new double[m];
        for (int e = 0; e < m; e++) {
            double[] d = edges.get(e);
            edgeA[e] = (int) d[0];
            edgeB[e] = (int) d[1];
            edgeMbps[e] = d[2];
            edgeBound[e] = d[3];
        }
        nodeAllowed = nodeAllowed(siteIndex, nodeIndex);
        unitOf = contract(nodeIndex);
        units = Arrays.stream(unitOf).max().orElse(-1) + 1;
        members = new int[units][];
        unitDemand = new long[units][3];
        unitNestedDemand = new long[units][3];
        allowed = new boolean[units][k];
        int[] size = new int[units];
        for (int i = 0; i < n; i++) {
            size[unitOf[i]]++;
        }
        for (int u = 0; u < units; u++) {
            members[u] = new int[size[u]];
            Arrays.fill(allowed[u], true);
        }
        int[] fill = new int[units];
        for (int i = 0; i < n; i++) {
            int u = unitOf[i];
            members[u][fill[u]++] = i;
            for (int d = 0; d < 3; d++) {
                unitDemand[u][d] += demand[i][d];
                if (nested[i]) {
                    unitNestedDemand[u][d] += demand[i][d];
                }
            }
            for (int s = 0; s < k; s++) {
                allowed[u][s] &= nodeAllowed[i][s];
            }
        }
        UnitGraph graph = new UnitGraph(this);
        neighbour = graph.neighbour;
        neighbourMbps = graph.mbps;
        neighbourBound = graph.bound;
        neighbourLink = graph.link;
        unitMbps = graph.total;
        antiGroup = new int[vi.constraints().antiAffinity().size()][];
        List<List<Integer>> perUnit = new ArrayList<>();
        for (int u = 0; u < units; u++) {
            perUnit.add(new ArrayList<>());
        }
        for (int g = 0; g < antiGroup.length; g++) {
            NodeGroup group = vi.constraints().antiAffinity().get(g);
            antiGroup[g] = group.nodes().stream().distinct().mapToInt(nodeIndex::get).toArray();
            for (int i : antiGroup[g]) {
                perUnit.get(unitOf[i]).add(g);
            }
        }
        unitAnti = new int[units][];
        for (int u = 0; u < units; u++) {
            unitAnti[u] = perUnit.get(u).stream().mapToInt(Integer::intValue).toArray();
        }
        List<List<Integer>> perNode = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            perNode.add(new ArrayList<>());
        }
        for (int g = 0; g < antiGroup.length; g++) {
            for (int i : antiGroup[g]) {
                perNode.get(i).add(g);
            }
        }
        nodeAnti = new int[n][];
        for (int i = 0; i < n; i++) {
            nodeAnti[i] = perNode.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * Compiles and runs the checks that prove a request cannot be placed at all.
     *
     * @throws PlacementRefusedException naming the constraint and the numbers
     * @throws io.isthmus.broker.domain.reservation.ValidationException when a node's image is in no offered site's
     *         catalog, or its pinned site does not have it ({@link ImageAvailability})
     */
    static PlacementProblem compile(VirtualInfrastructureSpec vi, Substrate substrate) {
        if (substrate.sites().isEmpty()) {
            throw new PlacementRefusedException("no site can be used: none is configured, allowed and reachable");
        }
        for (Pin p : vi.constraints().pins()) {
            if (substrate.sites().stream().noneMatch(s -> s.site().equals(p.site()))) {
                throw new PlacementRefusedException("node " + p.node() + " is pinned to site " + p.site()
                        + ", which is not offered for this request (offered: "
                        + substrate.sites().stream().map(SiteOffer::site).toList() + ")");
            }
        }
        ImageAvailability.check(vi, substrate.sites(), List.of());
        PlacementProblem p = new PlacementProblem(vi, substrate);
        Infeasibility.check(p);
        return p;
    }

    private static List<double[]> edges(VirtualInfrastructureSpec vi, Map<String, Integer> nodeIndex) {
        List<double[]> edges = new ArrayList<>();
        for (LinkSpec l : vi.links()) {
            double mbps = l.bandwidthMbps() == null ? 0 : l.bandwidthMbps();
            double bound = l.maxLatencyMs() == null ? Double.POSITIVE_INFINITY : l.maxLatencyMs();
            if (!l.isSegmentWide()) {
                edges.add(new double[] {nodeIndex.get(l.a()), nodeIndex.get(l.b()), mbps, bound});
                continue;
            }
            List<Integer> on = new ArrayList<>();
            for (NodeSpec node : vi.nodes()) {
                for (NicSpec nic : node.nics()) {
                    if (nic.segment().equals(l.segment())) {
                        on.add(nodeIndex.get(node.name()));
                        break;
                    }
                }
            }
            double share = on.size() < 2 ? 0 : mbps / (on.size() - 1);
            for (int i = 0; i < on.size(); i++) {
                for (int j = i + 1; j < on.size(); j++) {
                    edges.add(new double[] {on.get(i), on.get(j), share, bound});
                }
            }
        }
        return edges;
    }

    private boolean[][] nodeAllowed(Map<String, Integer> siteIndex, Map<String, Integer> nodeIndex) {
        boolean[][] ok = new boolean[n][k];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < k; s++) {
                ok[i][s] = hasImage(i, s) && largestFit(i, s);
            }
        }
        for (Pin pin : vi.constraints().pins()) {
            int i = nodeIndex.get(pin.node());
            int pinned = siteIndex.get(pin.site());
            pinnedHost[i] = pin.host();
            for (int s = 0; s < k; s++) {
                ok[i][s] &= s == pinned;
            }
            if (pin.host() != null) {
                ok[i][pinned] &= site[pinned].hosts().stream().anyMatch(h -> h.host().equals(pin.host()) && fits(i, h));
            }
        }
        return ok;
    }

    private boolean largestFit(int i, int s) {
        for (HostOffer h : site[s].hosts()) {
            if (fits(i, h)) {
                return true;
            }
        }
        return false;
    }

    /** Whether site s's catalog has node i's image. */
    boolean hasImage(int i, int s) {
        return site[s].images().offers(image[i]);
    }

    boolean fits(int i, HostOffer h) {
        return h.fits((int) demand[i][CORES], demand[i][MEMORY], demand[i][DISK], nested[i]);
    }

    private int[] contract(Map<String, Integer> nodeIndex) {
        UnionFind uf = new UnionFind(n);
        for (NodeGroup g : vi.constraints().affinity()) {
            int first = nodeIndex.get(g.nodes().get(0));
            g.nodes().forEach(other -> uf.union(first, nodeIndex.get(other)));
        }
        double together = Math.max(closestSites(), slowestSiteFabric());
        for (int e = 0; e < edgeA.length; e++) {
            if (edgeBound[e] < together) {
                uf.union(edgeA[e], edgeB[e]);
            }
        }
        return uf.compactLabels();
    }

    /**
     * The highest latency between two hosts of one site. A link bounded below it must share a host at some site,
     * so its ends are kept in one unit (one site) and {@link HostBins} puts them on one host where needed.
     */
    double slowestSiteFabric() {
        double slowest = 0;
        for (SiteOffer s : site) {
            slowest = Math.max(slowest, s.connectivity().latencyMs());
        }
        return slowest;
    }

    /** The lowest latency between any two offered sites (+inf with one site or none measured). */
    double closestSites() {
        double closest = UNMEASURED;
        for (int s = 0; s < k; s++) {
            for (int t = s + 1; t < k; t++) {
                closest = Math.min(closest, latency[s][t]);
            }
        }
        return closest;
    }

    String unitName(int u) {
        if (members[u].length == 1) {
            return "node " + node[members[u][0]];
        }
        List<String> names = new ArrayList<>();
        for (int i : members[u]) {
            names.add(node[i]);
        }
        return "nodes " + String.join(", ", names) + " (kept together by affinity or a latency bound)";
    }

    static String demandText(long[] d) {
        return d[CORES] + " vCPUs, " + d[MEMORY] + " MiB memory and " + d[DISK] + " GiB disk";
    }
}
