package io.isthmus.rms.domain.compute;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Everything needed to define one L1 VM: name, size, nested virtualisation, boot disk and NICs. */
public record DomainSpec(DomainName name, int vcpus, int memoryMib, boolean nestedVirtualization,
        Path diskImage, List<NicAttachment> nics) {

    public DomainSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(diskImage, "diskImage");
        if (vcpus < 1 || memoryMib < 1) {
            throw new IllegalArgumentException("domain " + name + " needs at least 1 vCPU and 1 MiB memory");
        }
        if (!diskImage.isAbsolute()) {
            throw new IllegalArgumentException("disk image of " + name + " must be an absolute path: " + diskImage);
        }
        nics = List.copyOf(nics);
    }
}
