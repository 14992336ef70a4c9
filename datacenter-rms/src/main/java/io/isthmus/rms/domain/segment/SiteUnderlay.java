package io.isthmus.rms.domain.segment;

import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.InvalidRequestException;
import java.util.List;
import java.util.Objects;

/** The emulated site LAN: the site gateway's address on it and every host's namespace and address. */
public record SiteUnderlay(Ipv4Address gatewayAddress, List<HostUnderlay> hosts) {

    public SiteUnderlay {
        Objects.requireNonNull(gatewayAddress, "gatewayAddress");
        hosts = List.copyOf(hosts);
    }

    public HostUnderlay host(HostName name) {
        return hosts.stream().filter(h -> h.host().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidRequestException("host", "host " + name
                        + " has no emulated data plane (no host." + name + ".lanAddress)"));
    }
}
