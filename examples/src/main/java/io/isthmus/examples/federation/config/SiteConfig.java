package io.isthmus.examples.federation.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The configuration of one site RMS, as the keys {@code datacenter-rms} reads from its properties file. */
public record SiteConfig(String siteId, URI listen, Path dataDir, String gatewayId, URI gatewayEndpoint,
                         List<HostSpec> hosts) {

    public SiteConfig {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("site " + siteId + " needs at least one host");
        }
    }

    public Map<String, String> properties() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("site.id", siteId);
        keys.put("site.listen", listen.toString());
        keys.put("site.dataDir", dataDir.toString());
        keys.put("site.gateway.id", gatewayId);
        keys.put("site.gateway.endpoint", gatewayEndpoint.toString());
        keys.put("site.hosts", hosts.stream().map(HostSpec::name).collect(Collectors.joining(",")));
        for (HostSpec host : hosts) {
            String prefix = "host." + host.name() + ".";
            keys.put(prefix + "cores", Integer.toString(host.cores()));
            keys.put(prefix + "memoryMib", Integer.toString(host.memoryMib()));
            keys.put(prefix + "diskGib", Integer.toString(host.diskGib()));
            keys.put(prefix + "nested", Boolean.toString(host.nested()));
        }
        return keys;
    }
}
