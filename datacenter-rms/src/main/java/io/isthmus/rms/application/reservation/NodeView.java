package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.DomainRunState;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.site.HostName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node of a reservation as the site sees it: where it is placed and, when its domain exists, the state, MACs,
 * CPU mode and nested virtualisation that libvirt holds; {@code problem} says what keeps a provisioned node from
 * running when the site knows (e.g. its vanished domain could not be restored).
 */
public record NodeView(NodeName node, HostName host, DomainName domain, DomainRunState state,
        List<MacAddress> macs, Optional<String> cpuMode, Optional<Boolean> nestedVirtualization,
        Optional<String> problem) {

    public NodeView {
        macs = List.copyOf(macs);
        Objects.requireNonNull(problem, "problem");
    }
}
