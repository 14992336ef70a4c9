package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.domain.placement.PlacementProblem.CORES;
import static io.isthmus.broker.domain.placement.PlacementProblem.DISK;
import static io.isthmus.broker.domain.placement.PlacementProblem.MEMORY;

import java.util.ArrayList;
import java.util.List;

/**
 * Says, site by site, why a unit found no room once the rest of the request was placed; a site left out because it
 * lacks a member's image says so too.
 */
final class Explanation {
    private Explanation() {
    }

    static String unplaceable(Partition part, int u) {
        PlacementProblem p = part.p;
        List<String> why = new ArrayList<>();
        for (int s = 0; s < p.k; s++) {
            if (p.allowed[u][s]) {
                why.add(p.site[s].site() + ": " + reason(part, u, s));
            } else {
                for (int i : p.members[u]) {
                    if (!p.hasImage(i, s)) {
                        why.add(Infeasibility.missingImage(p, i, s) + " for node " + p.node[i]);
                        break;
                    }
                }
            }
        }
        return p.unitName(u) + " (" + PlacementProblem.demandText(p.unitDemand[u]) + ") fits no site once the rest is placed — "
                + String.join("; ", why);
    }

    private static String reason(Partition part, int u, int s) {
        PlacementProblem p = part.p;
        if (part.forbidden[u][s]) {
            return "its hosts cannot take it next to the other nodes placed there";
        }
        if (!part.capacityAllows(u, s)) {
            long[] left = new long[3];
            for (int d = 0; d < 3; d++) {
                left[d] = p.capacity[s][d] - part.load[s][d];
            }
            return "only " + left[CORES] + " vCPUs, " + left[MEMORY] + " MiB memory and " + left[DISK]
                    + " GiB disk left free during the window";
        }
        int[] nb = p.neighbour[u];
        for (int j = 0; j < nb.length; j++) {
            int t = part.at[nb[j]];
            if (t >= 0 && t != s && p.latency[s][t] > p.neighbourBound[u][j]) {
                return "link " + p.neighbourLink[u][j] + " needs ≤ " + Infeasibility.ms(p.neighbourBound[u][j]) + " ms; "
                        + InterSiteLink.name(p.site[s].site(), p.site[t].site()) + (Double.isInfinite(p.latency[s][t])
                        ? " has no measured latency" : " is " + Infeasibility.ms(p.latency[s][t]) + " ms");
            }
        }
        for (int t = 0; t < p.k; t++) {
            if (t != s && part.conn[u][t] > 0 && part.pair[s][t] + part.conn[u][t] > p.linkFree[s][t] + PlacementProblem.EPS) {
                return "inter-site link " + InterSiteLink.name(p.site[s].site(), p.site[t].site()) + " has "
                        + Math.round(p.linkFree[s][t] - part.pair[s][t]) + " Mbit/s free during the window; placing it here needs "
                        + Math.round(part.conn[u][t]) + " more";
            }
        }
        if (!part.antiAffinityAllows(u, s)) {
            return "anti-affinity needs more distinct hosts than its " + p.hostCount[s] + " hosts";
        }
        if (part.bins != null && !part.bins.fits(u, s)) {
            long[] most = part.bins.largestFree(s);
            return "no host has room for it next to the nodes placed there (most free on one host: " + most[CORES]
                    + " vCPUs, " + most[MEMORY] + " MiB, " + most[DISK] + " GiB)";
        }
        return "a latency-bounded neighbour would be left without a close enough site";
    }
}
