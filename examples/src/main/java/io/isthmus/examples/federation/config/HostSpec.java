package io.isthmus.examples.federation.config;

/** One emulated L0 host of a site (embedded libvirt test:/// host). */
public record HostSpec(String name, int cores, int memoryMib, int diskGib, boolean nested) {

    public HostSpec {
        if (name == null || !name.matches("[a-z][a-z0-9-]{0,30}")) {
            throw new IllegalArgumentException("'" + name + "' is not a usable host name");
        }
        if (cores < 1 || memoryMib < 128 || diskGib < 1) {
            throw new IllegalArgumentException("host " + name + " needs at least 1 core, 128 MiB and 1 GiB");
        }
    }
}
