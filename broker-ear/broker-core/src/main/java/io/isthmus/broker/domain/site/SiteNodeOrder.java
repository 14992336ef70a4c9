package io.isthmus.broker.domain.site;

import java.util.List;
import java.util.Optional;

/** An L1 node a site must hold and later start; on {@code host} when the broker's choice binds the site. */
public record SiteNodeOrder(String name, int vcpus, int memoryMib, int diskGib, String image, boolean nested,
                            Optional<HostName> host, List<SiteNicOrder> nics) {
    public SiteNodeOrder {
        nics = List.copyOf(nics);
    }
}
