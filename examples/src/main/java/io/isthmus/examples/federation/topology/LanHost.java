package io.isthmus.examples.federation.topology;

/**
 * One emulated site host: its namespace (e.g. {@code isth-site-a-a1}) holding veth {@link SiteLan#HOST_PORT}
 * at {@code address}, whose peer {@code lanPeer} (e.g. {@code h-a1}) sits on the site LAN bridge.
 */
public record LanHost(String name, LinuxName namespace, LinuxName lanPeer, Ipv4Interface address) {

    public LanHost {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a site host needs its name");
        }
    }
}
