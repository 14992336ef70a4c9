package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.DomainRunState;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.site.HostName;
import java.util.List;
import java.util.Optional;

/**
 * One node of a reservation as the site sees it: where it is placed and, when its domain exists,
 * the state, MACs, CPU mode and nested virtualisation that libvirt holds.
 */
public record NodeView(NodeName node, HostName host, DomainName domain, DomainRunState state,
        List<MacAddress> macs, Optional<String> cpuMode, Optional<Boolean> nestedVirtualization) {

    public NodeView {
        macs = List.copyOf(macs);
    }
}
