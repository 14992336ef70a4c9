package io.isthmus.rms.infrastructure.libvirt;

import io.isthmus.rms.infrastructure.libvirt.DomainXmlWriter.DomainType;
import java.util.Objects;

/** The domain type a host's VMs get, the host CPU vendor (for the nested feature under KVM) and why it was chosen. */
record VirtType(DomainType type, CpuVendor vendor, String reason) {

    VirtType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(reason, "reason");
    }

    static VirtType test() {
        return new VirtType(DomainType.TEST, CpuVendor.INTEL, "the libvirt test driver runs no guest");
    }
}
