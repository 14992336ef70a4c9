package io.isthmus.rms.domain.site;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The provider site: its id, its hosts, and the gateway node that terminates its inter-site tunnels. */
public record Site(SiteId id, String gatewayId, URI gatewayEndpoint, List<Host> hosts) {

    public Site {
        Objects.requireNonNull(id, "id");
        Names.require(gatewayId, "site.gateway.id");
        Objects.requireNonNull(gatewayEndpoint, "gatewayEndpoint");
        hosts = List.copyOf(hosts);
    }

    public Optional<Host> host(HostName name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    public List<String> hostNames() {
        return hosts.stream().map(h -> h.name().value()).toList();
    }
}
