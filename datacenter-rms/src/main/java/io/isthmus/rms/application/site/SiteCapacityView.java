package io.isthmus.rms.application.site;

import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.site.Site;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The site (with its gateway), the free capacity of each of its hosts over a window and the images it can boot. */
public record SiteCapacityView(Site site, List<HostAvailability> hosts, Set<ImageRef> images) {

    public SiteCapacityView {
        Objects.requireNonNull(site, "site");
        hosts = List.copyOf(hosts);
        images = Set.copyOf(images);
    }
}
