package io.isthmus.broker.domain.placement;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a placement may use over one window: the sites in preference order, with their hosts' free capacity,
 * and the inter-site links with their free bandwidth. A pair of sites without a link has no measured latency and
 * no bandwidth guarantee: unbounded traffic may cross it, a latency-bounded link may not.
 */
public record Substrate(List<SiteOffer> sites, List<InterSiteLink> links) {
    public Substrate {
        sites = List.copyOf(sites);
        links = List.copyOf(links);
        Set<String> names = new HashSet<>();
        for (SiteOffer s : sites) {
            if (!names.add(s.site())) {
                throw new IllegalArgumentException("site " + s.site() + " is offered twice");
            }
        }
        Set<String> pairs = new HashSet<>();
        for (InterSiteLink l : links) {
            if (!pairs.add(l.name())) {
                throw new IllegalArgumentException("link " + l.name() + " is given twice");
            }
        }
    }

    /** Sites without measured links between them. */
    public static Substrate of(List<SiteOffer> sites) {
        return new Substrate(sites, List.of());
    }

    public Optional<InterSiteLink> link(String a, String b) {
        return links.stream().filter(l -> l.joins(a, b)).findFirst();
    }
}
