package io.isthmus.broker.domain.placement.bench;

/**
 * The shape of a generated site set: {@code sites × hostsPerSite} heterogeneous hosts; sites at uniform points of a
 * unit square, every pair joined by a link whose latency grows with distance from {@code minLatencyMs} (same
 * point) to {@code maxLatencyMs} (opposite corners).
 *
 * @param usedShare      each host and link already has up to this share of its capacity booked
 * @param maxCostPerCore site cost per vCPU drawn from {@code [0, maxCostPerCore]}; 0 for free sites
 * @param demandShare    when above 0, hosts are not drawn from the ranges but sized so that each site's free
 *                       cores and memory are about this share (±15 %) of the request's total demand (disk twice that), every host still
 *                       large enough for the request's largest node: with a share below 1 the request must span
 *                       sites
 */
public record SiteParams(int sites, int hostsPerSite, IntRange cores, IntRange memoryGib, IntRange diskGib,
                         double nestedShare, double minLatencyMs, double maxLatencyMs, IntRange linkMbps,
                         double usedShare, double maxCostPerCore, double demandShare) {
    public SiteParams {
        if (sites < 1 || hostsPerSite < 1) {
            throw new IllegalArgumentException("need at least one site and one host per site, not " + sites + " × "
                    + hostsPerSite);
        }
    }

    /**
     * Hosts of 16–64 cores, 64–512 GiB, 1–4 TiB disk, 80 % nested; latency 1–40 ms; links of 1–10 Gbit/s; up to
     * 30 % already used; free sites.
     */
    public static SiteParams of(int sites, int hostsPerSite) {
        return new SiteParams(sites, hostsPerSite, new IntRange(16, 64), new IntRange(64, 512),
                new IntRange(1000, 4000), 0.8, 1, 40, new IntRange(1000, 10_000), 0.3, 0, 0);
    }

    /** The same, sized against the request (see {@code demandShare}). */
    public SiteParams tight(double demandShare) {
        return new SiteParams(sites, hostsPerSite, cores, memoryGib, diskGib, nestedShare, minLatencyMs, maxLatencyMs,
                linkMbps, usedShare, maxCostPerCore, demandShare);
    }

    /** The same with inter-site link capacities drawn from this range, Mbit/s. */
    public SiteParams withLinks(IntRange linkMbps) {
        return new SiteParams(sites, hostsPerSite, cores, memoryGib, diskGib, nestedShare, minLatencyMs, maxLatencyMs,
                linkMbps, usedShare, maxCostPerCore, demandShare);
    }

    /** The same with inter-site latency from {@code minMs} (same point) to {@code maxMs} (opposite corners). */
    public SiteParams withLatency(double minMs, double maxMs) {
        return new SiteParams(sites, hostsPerSite, cores, memoryGib, diskGib, nestedShare, minMs, maxMs, linkMbps,
                usedShare, maxCostPerCore, demandShare);
    }

    /** The same with a random cost per vCPU at each site. */
    public SiteParams costing(double maxCostPerCore) {
        return new SiteParams(sites, hostsPerSite, cores, memoryGib, diskGib, nestedShare, minLatencyMs, maxLatencyMs,
                linkMbps, usedShare, maxCostPerCore, demandShare);
    }
}
