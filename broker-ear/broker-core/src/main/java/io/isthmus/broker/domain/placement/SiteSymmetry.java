package io.isthmus.broker.domain.placement;

import java.util.List;

/**
 * Classes of interchangeable sites: two sites are twins when swapping them changes nothing any engine or the host
 * packer can see — the same hosts in the same order (names aside), connectivity and cost, the same latency and free
 * bandwidth to every other site, and the same units allowed there (a node pinned to one of them is not allowed at
 * the other, so pins break the tie).
 */
final class SiteSymmetry {
    private SiteSymmetry() {
    }

    /** For each site, the lowest-numbered site it is a twin of (itself when none). */
    static int[] classes(PlacementProblem p) {
        int[] cls = new int[p.k];
        for (int s = 0; s < p.k; s++) {
            cls[s] = s;
            for (int t = 0; t < s; t++) {
                if (cls[t] == t && twins(p, t, s)) {
                    cls[s] = t;
                    break;
                }
            }
        }
        return cls;
    }

    static boolean twins(PlacementProblem p, int s, int t) {
        SiteOffer a = p.site[s];
        SiteOffer b = p.site[t];
        if (a.costPerCore() != b.costPerCore() || a.connectivity() != b.connectivity() || !sameHosts(a.hosts(), b.hosts())) {
            return false;
        }
        for (int r = 0; r < p.k; r++) {
            if (r != s && r != t && (p.latency[s][r] != p.latency[t][r] || p.linkFree[s][r] != p.linkFree[t][r])) {
                return false;
            }
        }
        for (int u = 0; u < p.units; u++) {
            if (p.allowed[u][s] != p.allowed[u][t]) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameHosts(List<HostOffer> a, List<HostOffer> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            HostOffer x = a.get(i);
            HostOffer y = b.get(i);
            if (x.freeCores() != y.freeCores() || x.freeMemoryMib() != y.freeMemoryMib()
                    || x.freeDiskGib() != y.freeDiskGib() || x.nested() != y.nested()) {
                return false;
            }
        }
        return true;
    }
}
