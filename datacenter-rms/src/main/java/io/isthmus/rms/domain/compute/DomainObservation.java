package io.isthmus.rms.domain.compute;

import io.isthmus.rms.domain.segment.MacAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A domain as libvirt holds it: state, NIC MACs, CPU mode and whether vmx/svm is exposed to the guest. */
public record DomainObservation(DomainName name, DomainRunState state, List<MacAddress> macs,
        Optional<String> cpuMode, boolean nestedVirtualization) {

    public DomainObservation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(cpuMode, "cpuMode");
        macs = List.copyOf(macs);
    }
}
