package io.isthmus.broker.domain.placement.bench;

/**
 * The benchmark's instance sizes. The two small ones are the "gap" instances the exact solver measures: 3–4 sites,
 * each with cores and memory for about 60 % of the request, so that the request must span at least two sites
 * (otherwise the optimum cut is trivially 0). The large ones are
 * drawn from the default host ranges; 1,000 nodes / 4,000 links over 20 sites × 50 hosts is the target.
 * Their inter-site links carry 10–100 Gbit/s and their links reserve 10–100 Mbit/s each: 4,000 links then reserve
 * ~220 Gbit/s in all. With 10–1000 Mbit/s (~2 Tbit/s) any split over sites saturates the inter-site links, and
 * the benchmark would measure how an engine spreads load over links rather than how well it partitions. Their
 * sites are 5–40 ms apart (a wide-area federation), so every 2–5 ms bound keeps its link inside one site; with
 * sites 1–40 ms apart, 20 random sites have pairs under 5 ms and bounded links may cross between exactly those.
 */
public enum Preset {
    NODES_10(ViParams.of(10, 20), SiteParams.of(3, 3).tight(0.6)),
    NODES_30(ViParams.of(30, 60), SiteParams.of(4, 4).tight(0.6)),
    NODES_100(ViParams.of(100, 400).withMbps(new IntRange(10, 100)), wan(SiteParams.of(8, 10))),
    NODES_1000(ViParams.of(1000, 4000).withMbps(new IntRange(10, 100)), wan(SiteParams.of(20, 50)));


    private final ViParams vi;
    private final SiteParams sites;

    Preset(ViParams vi, SiteParams sites) {
        this.vi = vi;
        this.sites = sites;
    }

    public ViParams vi() {
        return vi;
    }

    public SiteParams sites() {
        return sites;
    }

    private static SiteParams wan(SiteParams p) {
        return p.withLinks(new IntRange(10_000, 100_000)).withLatency(5, 40);
    }

    public int nodes() {
        return vi.nodes();
    }

    /** The preset with this many nodes. */
    public static Preset ofNodes(int nodes) {
        for (Preset p : values()) {
            if (p.nodes() == nodes) {
                return p;
            }
        }
        throw new IllegalArgumentException("no preset with " + nodes + " nodes; there are 10, 30, 100 and 1000");
    }
}
