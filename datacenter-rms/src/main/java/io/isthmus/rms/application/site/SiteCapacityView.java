package io.isthmus.rms.application.site;

import io.isthmus.rms.domain.site.Site;
import java.util.List;
import java.util.Objects;

/** The site (with its gateway) and the free capacity of each of its hosts over a window. */
public record SiteCapacityView(Site site, List<HostAvailability> hosts) {

    public SiteCapacityView {
        Objects.requireNonNull(site, "site");
        hosts = List.copyOf(hosts);
    }
}
