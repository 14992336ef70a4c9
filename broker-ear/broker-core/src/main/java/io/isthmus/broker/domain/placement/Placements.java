package io.isthmus.broker.domain.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a packed partition into the {@link Placement} the broker books. */
final class Placements {
    private Placements() {
    }

    static Placement of(Partition part, String[] hostOf) {
        PlacementProblem p = part.p;
        Map<String, NodeLocation> locations = new HashMap<>();
        for (int i = 0; i < p.n; i++) {
            locations.put(p.node[i], new NodeLocation(p.site[part.at[p.unitOf[i]]].site(), hostOf[i]));
        }
        List<InterSiteLoad> loads = new ArrayList<>();
        for (int s = 0; s < p.k; s++) {
            for (int t = s + 1; t < p.k; t++) {
                if (part.pair[s][t] > PlacementProblem.EPS) {
                    loads.add(new InterSiteLoad(p.site[s].site(), p.site[t].site(),
                            (long) Math.ceil(part.pair[s][t] - PlacementProblem.EPS)));
                }
            }
        }
        return new Placement(locations, loads, part.objective());
    }
}
