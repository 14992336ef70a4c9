package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.domain.placement.PlacementProblem.CORES;
import static io.isthmus.broker.domain.placement.PlacementProblem.DISK;
import static io.isthmus.broker.domain.placement.PlacementProblem.MEMORY;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that prove a request cannot be placed whatever the engine does, each refusing with the constraint and
 * the numbers: a node no host of a site with its image can take, nodes that must share a site no site can take, a
 * latency bound no pair of sites meets, more demand than all sites together, an anti-affinity group larger than the
 * hosts.
 */
final class Infeasibility {
    private static final String[] DIM = {"vCPUs", "MiB memory", "GiB disk"};

    private Infeasibility() {
    }

    static void check(PlacementProblem p) {
        for (int i = 0; i < p.n; i++) {
            nodeFitsSomeHost(p, i);
        }
        for (int e = 0; e < p.edgeA.length; e++) {
            latencyCanBeMet(p, e);
        }
        for (int u = 0; u < p.units; u++) {
            unitHasASite(p, u);
        }
        totals(p);
        for (int g = 0; g < p.antiGroup.length; g++) {
            int hosts = 0;
            for (int s = 0; s < p.k; s++) {
                hosts += p.hostCount[s];
            }
            if (p.antiGroup[g].length > hosts) {
                throw new PlacementRefusedException("anti-affinity group " + p.vi.constraints().antiAffinity().get(g).name()
                        + " puts " + p.antiGroup[g].length + " nodes on distinct hosts; the offered sites have "
                        + hosts + " hosts");
            }
        }
    }

    private static void nodeFitsSomeHost(PlacementProblem p, int i) {
        List<String> why = new ArrayList<>();
        for (int s = 0; s < p.k; s++) {
            if (candidate(p, i, s)) {
                String reason = whyNot(p, i, s);
                if (reason == null) {
                    return;
                }
                why.add(reason);
            }
        }
        String pin = p.vi.constraints().pin(p.node[i]).map(x -> " (pinned to " + x.site()
                + (x.host() == null ? "" : " host " + x.host()) + ")").orElse("");
        throw new PlacementRefusedException("node " + p.node[i] + " needs " + PlacementProblem.demandText(p.demand[i])
                + (p.nested[i] ? " with nested virtualisation" : "") + pin + "; " + String.join("; ", why));
    }

    private static boolean candidate(PlacementProblem p, int i, int s) {
        return p.vi.constraints().pin(p.node[i]).map(x -> x.site().equals(p.site[s].site())).orElse(true);
    }

    /** Null when site s has node i's image and some host there can take it, else the reason. */
    private static String whyNot(PlacementProblem p, int i, int s) {
        if (!p.hasImage(i, s)) {
            return missingImage(p, i, s);
        }
        return whyNoHost(p, i, s);
    }

    /** "site-b does not have image 'x' (its catalog: [...])". */
    static String missingImage(PlacementProblem p, int i, int s) {
        return p.site[s].site() + " does not have image '" + p.image[i] + "' (its catalog: " + p.site[s].images() + ")";
    }

    /** Null when some host of site s can take node i, else the reason naming the numbers. */
    private static String whyNoHost(PlacementProblem p, int i, int s) {
        String pinnedHost = p.pinnedHost[i];
        List<HostOffer> hosts = p.site[s].hosts().stream()
                .filter(h -> pinnedHost == null || h.host().equals(pinnedHost)).toList();
        String at = p.site[s].site() + (pinnedHost == null ? "" : " host " + pinnedHost);
        if (hosts.isEmpty()) {
            return at + " has no such host";
        }
        if (hosts.stream().anyMatch(h -> p.fits(i, h))) {
            return null;
        }
        if (p.nested[i] && hosts.stream().noneMatch(HostOffer::nested)) {
            return at + " has no host with nested virtualisation";
        }
        List<HostOffer> usable = hosts.stream().filter(h -> h.nested() || !p.nested[i]).toList();
        long[] largest = new long[3];
        for (HostOffer h : usable) {
            largest[CORES] = Math.max(largest[CORES], h.freeCores());
            largest[MEMORY] = Math.max(largest[MEMORY], h.freeMemoryMib());
            largest[DISK] = Math.max(largest[DISK], h.freeDiskGib());
        }
        for (int d = 0; d < 3; d++) {
            if (p.demand[i][d] > largest[d]) {
                return "the largest free host at " + at + " during the window has " + Math.max(0, largest[d]) + " "
                        + DIM[d];
            }
        }
        return "no single host at " + at + " has " + PlacementProblem.demandText(p.demand[i])
                + " free together during the window (most free per host: " + largest[CORES] + " vCPUs, "
                + largest[MEMORY] + " MiB, " + largest[DISK] + " GiB)";
    }

    private static void unitHasASite(PlacementProblem p, int u) {
        boolean any = false;
        for (int s = 0; s < p.k; s++) {
            any |= p.allowed[u][s];
        }
        if (!any) {
            List<String> only = new ArrayList<>();
            for (int i : p.members[u]) {
                List<String> sites = new ArrayList<>();
                for (int s = 0; s < p.k; s++) {
                    if (candidate(p, i, s) && whyNot(p, i, s) == null) {
                        sites.add(p.site[s].site());
                    }
                }
                only.add(p.node[i] + " only at " + sites);
            }
            throw new PlacementRefusedException(p.unitName(u) + " must share one site, but no site can take all of them: "
                    + String.join("; ", only));
        }
        long[] most = null;
        String mostAt = null;
        for (int s = 0; s < p.k; s++) {
            if (!p.allowed[u][s]) {
                continue;
            }
            if (fitsAggregate(p.unitDemand[u], p.capacity[s]) && fitsAggregate(p.unitNestedDemand[u], p.nestedCapacity[s])) {
                return;
            }
            if (most == null || p.capacity[s][MEMORY] > most[MEMORY]) {
                most = p.capacity[s];
                mostAt = p.site[s].site();
            }
        }
        throw new PlacementRefusedException(p.unitName(u) + " need together " + PlacementProblem.demandText(p.unitDemand[u])
                + " at one site; the most free at an allowed site during the window: " + mostAt + " with "
                + most[CORES] + " vCPUs, " + most[MEMORY] + " MiB, " + most[DISK] + " GiB");
    }

    /** A latency-bounded link needs a site for each end (from pins and host sizes) that share a site or are close enough. */
    private static void latencyCanBeMet(PlacementProblem p, int e) {
        double bound = p.edgeBound[e];
        if (Double.isInfinite(bound)) {
            return;
        }
        int a = p.edgeA[e];
        int b = p.edgeB[e];
        double best = Double.POSITIVE_INFINITY;
        String bestPair = null;
        for (int s = 0; s < p.k; s++) {
            for (int t = 0; t < p.k; t++) {
                if (!p.nodeAllowed[a][s] || !p.nodeAllowed[b][t]) {
                    continue;
                }
                if (s == t || p.latency[s][t] <= bound) {
                    return;
                }
                if (bestPair == null || p.latency[s][t] < best) {
                    best = p.latency[s][t];
                    bestPair = InterSiteLink.name(p.site[s].site(), p.site[t].site());
                }
            }
        }
        if (bestPair != null) {
            throw new PlacementRefusedException("link " + p.node[a] + "–" + p.node[b] + " needs ≤ " + ms(bound) + " ms; "
                    + bestPair + (Double.isInfinite(best) ? " has no measured latency" : " is " + ms(best) + " ms")
                    + " and its ends cannot share a site");
        }
    }

    private static void totals(PlacementProblem p) {
        long[] need = new long[3];
        long[] nestedNeed = new long[3];
        long[] have = new long[3];
        long[] nestedHave = new long[3];
        for (int u = 0; u < p.units; u++) {
            for (int d = 0; d < 3; d++) {
                need[d] += p.unitDemand[u][d];
                nestedNeed[d] += p.unitNestedDemand[u][d];
            }
        }
        for (int s = 0; s < p.k; s++) {
            for (int d = 0; d < 3; d++) {
                have[d] += p.capacity[s][d];
                nestedHave[d] += p.nestedCapacity[s][d];
            }
        }
        for (int d = 0; d < 3; d++) {
            if (need[d] > have[d]) {
                throw new PlacementRefusedException("the request needs " + need[d] + " " + DIM[d]
                        + " in total; all offered sites together have " + have[d] + " free during the window");
            }
            if (nestedNeed[d] > nestedHave[d]) {
                throw new PlacementRefusedException("the nodes that need nested virtualisation need " + nestedNeed[d]
                        + " " + DIM[d] + " in total; the hosts with nested virtualisation have " + nestedHave[d]
                        + " free during the window");
            }
        }
    }

    static boolean fitsAggregate(long[] demand, long[] free) {
        return demand[CORES] <= free[CORES] && demand[MEMORY] <= free[MEMORY] && demand[DISK] <= free[DISK];
    }

    static String ms(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
