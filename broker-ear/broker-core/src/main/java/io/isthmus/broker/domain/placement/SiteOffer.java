package io.isthmus.broker.domain.placement;

import java.util.List;

/** A site's free capacity over a window, host by host. */
public record SiteOffer(String site, List<HostOffer> hosts) {
    public SiteOffer {
        hosts = List.copyOf(hosts);
    }
}
