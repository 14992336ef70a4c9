package io.isthmus.rms;

import io.isthmus.rms.domain.site.Host;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.Resources;
import io.isthmus.rms.infrastructure.libvirt.VirtTypeChoice;
import java.util.Objects;
import java.util.Optional;

/**
 * One configured L0 host ({@code host.<name>.*} keys). Without {@code uri} the host is emulated by
 * its own libvirt test driver connection; with a {@code qemu} URI its VMs are real guests whose domain type
 * {@code virtType} decides. {@code linkMbps} is the capacity of the link its VMs' NICs share,
 * which the bandwidth allocator divides among them and which bounds the sum of the bandwidth their
 * contracts guarantee at any instant.
 */
public record HostConfig(HostName name, int cores, long memoryMib, long diskGib, boolean nestedVirtualization,
        Optional<String> libvirtUri, long linkMbps, VirtTypeChoice virtType) {

    /** A 10 Gbit/s host link unless {@code host.<h>.linkMbps} says otherwise. */
    public static final long DEFAULT_LINK_MBPS = 10_000;

    public HostConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(libvirtUri, "libvirtUri");
        Objects.requireNonNull(virtType, "virtType");
        if (linkMbps <= 0) {
            throw new IllegalArgumentException("host " + name + " link capacity " + linkMbps
                    + " Mbit/s must be positive");
        }
    }

    /** Whether the host runs real guests (a QEMU libvirtd), not test-driver records. */
    public boolean runsGuests() {
        return libvirtUri.map(uri -> !uri.startsWith("test:")).orElse(false);
    }

    public Host toHost() {
        return new Host(name, new Resources(cores, memoryMib, diskGib, linkMbps), nestedVirtualization);
    }
}
