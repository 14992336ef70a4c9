package io.isthmus.broker.domain.site;

import java.util.List;

/** An L1 node a site must hold and later start, on the host the broker chose. */
public record SiteNodeOrder(String name, int vcpus, int memoryMib, int diskGib, String image, boolean nested,
                            String host, List<SiteNicOrder> nics) {
    public SiteNodeOrder {
        nics = List.copyOf(nics);
    }
}
