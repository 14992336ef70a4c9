package io.isthmus.rms;

import io.isthmus.rms.domain.site.Host;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.Resources;
import java.util.Objects;
import java.util.Optional;

/**
 * One configured L0 host ({@code host.<name>.*} keys). Without {@code uri} the host is emulated by
 * its own libvirt test driver connection.
 */
public record HostConfig(HostName name, int cores, long memoryMib, long diskGib, boolean nestedVirtualization,
        Optional<String> libvirtUri) {

    public HostConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(libvirtUri, "libvirtUri");
    }

    public Host toHost() {
        return new Host(name, new Resources(cores, memoryMib, diskGib), nestedVirtualization);
    }
}
