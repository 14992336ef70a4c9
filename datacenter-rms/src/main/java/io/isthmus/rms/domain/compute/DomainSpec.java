package io.isthmus.rms.domain.compute;

import java.util.List;
import java.util.Objects;

/** Everything needed to define one L1 VM: name, size, nested virtualisation, its own disks and its NICs. */
public record DomainSpec(DomainName name, int vcpus, int memoryMib, boolean nestedVirtualization,
        InstanceDisks disks, List<NicAttachment> nics) {

    public DomainSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(disks, "disks");
        if (vcpus < 1 || memoryMib < 1) {
            throw new IllegalArgumentException("domain " + name + " needs at least 1 vCPU and 1 MiB memory");
        }
        if (!disks.overlay().isAbsolute() || !disks.seed().isAbsolute() || !disks.consoleLog().isAbsolute()) {
            throw new IllegalArgumentException("the disks and console log of " + name + " must be absolute paths: "
                    + disks);
        }
        nics = List.copyOf(nics);
    }
}
