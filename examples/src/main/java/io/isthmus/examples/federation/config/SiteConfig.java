package io.isthmus.examples.federation.config;

import io.isthmus.examples.federation.topology.LanHost;
import io.isthmus.examples.federation.topology.SiteLan;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The configuration of one site RMS, as the keys {@code datacenter-rms} reads from its properties file; {@code lan}
 * is where its hosts sit when the data plane is emulated; {@code images} are the names of its image catalog, the
 * {@code <name>.qcow2} files of {@code imageDir}.
 */
public record SiteConfig(String siteId, URI listen, Path dataDir, String gatewayId, URI gatewayEndpoint,
                         List<HostSpec> hosts, SiteLan lan, Path imageDir, List<String> images) {

    public SiteConfig {
        hosts = List.copyOf(hosts);
        images = List.copyOf(images);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("site " + siteId + " needs at least one host");
        }
        if (!lan.hostNames().equals(hosts.stream().map(HostSpec::name).toList())) {
            throw new IllegalArgumentException("site " + siteId + " has hosts " + hosts.stream().map(HostSpec::name)
                    .toList() + " but its LAN has " + lan.hostNames() + "; give both the same hosts");
        }
    }

    /** The libvirt URI of a site's host and its guests' domain type, when it runs its own libvirtd. */
    @FunctionalInterface
    public interface HostUris {
        Optional<String> of(String site, String host);

        /** {@code kvm} or {@code qemu} when the launcher knows it (probed once for hosts sharing one machine). */
        default Optional<String> virtType(String site, String host) {
            return Optional.empty();
        }

        /** How many guests one host boots at once ({@code site.guest.bootsPerHost}) when the launcher knows better. */
        default Optional<Integer> bootsPerHost() {
            return Optional.empty();
        }
    }

    /** As {@link #properties(DataPlaneMode, HostUris)} with every host on libvirt's test driver. */
    public Map<String, String> properties(DataPlaneMode mode) {
        return properties(mode, (site, host) -> Optional.empty());
    }

    /**
     * With an emulated data plane: {@code site.dataPlane=emulated}, the gateway's site-LAN address and each host's
     * namespace and LAN address; otherwise {@code site.dataPlane=none}. A host {@code hostUris} gives a URI for is
     * reached there ({@code host.<h>.uri}); the others run on libvirt's test driver.
     */
    public Map<String, String> properties(DataPlaneMode mode, HostUris hostUris) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("site.id", siteId);
        keys.put("site.listen", listen.toString());
        keys.put("site.dataDir", dataDir.toString());
        keys.put("site.imageDir", imageDir.toString());
        keys.put("site.gateway.id", gatewayId);
        keys.put("site.gateway.endpoint", gatewayEndpoint.toString());
        keys.put("site.hosts", hosts.stream().map(HostSpec::name).collect(Collectors.joining(",")));
        for (HostSpec host : hosts) {
            String prefix = "host." + host.name() + ".";
            keys.put(prefix + "cores", Integer.toString(host.cores()));
            keys.put(prefix + "memoryMib", Integer.toString(host.memoryMib()));
            keys.put(prefix + "diskGib", Integer.toString(host.diskGib()));
            keys.put(prefix + "nested", Boolean.toString(host.nested()));
            hostUris.of(siteId, host.name()).ifPresent(uri -> keys.put(prefix + "uri", uri));
            hostUris.virtType(siteId, host.name()).ifPresent(type -> keys.put(prefix + "virtType", type));
        }
        hostUris.bootsPerHost().ifPresent(boots -> keys.put("site.guest.bootsPerHost", Integer.toString(boots)));
        keys.put("site.dataPlane", mode.isEmulated() ? "emulated" : "none");
        if (mode.isEmulated()) {
            keys.put("site.gatewaySiteAddress", lan.gatewayAddress().address());
            for (LanHost host : lan.hosts()) {
                keys.put("host." + host.name() + ".namespace", host.namespace().value());
                keys.put("host." + host.name() + ".lanAddress", host.address().address());
            }
        }
        return keys;
    }
}
