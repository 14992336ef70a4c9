package io.isthmus.gateway.domain.tunnel;

import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A site gateway's leg into its own site: per stitched segment one VXLAN {@code ishv<vni>} from {@code address}
 * (on {@code device}, if given) on UDP {@code port} to every site host, whose segment bridges have one uplink
 * {@code ishx<vni>} to this address. The port differs from the inter-site one because the kernel refuses two VXLAN
 * devices with the same VNI on the same UDP port in one namespace.
 */
public record SiteLeg(Ipv4Address address, List<Ipv4Address> hosts, Optional<InterfaceName> device, int port) {

    /** The site leg's UDP port unless configured otherwise (the inter-site mesh uses IANA's 4789). */
    public static final int DEFAULT_PORT = 4790;
    /** The inter-site VXLAN port, which the site leg must not share. */
    public static final int INTER_SITE_PORT = 4789;

    public SiteLeg {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(device, "device");
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new InvalidRequestException("a site leg needs at least one site host address");
        }
        if (hosts.stream().distinct().count() != hosts.size()) {
            throw new InvalidRequestException("site host addresses " + hosts + " list one address twice");
        }
        if (hosts.contains(address)) {
            throw new InvalidRequestException("site hosts " + hosts + " include the gateway's own site address "
                    + address + ": list only the hosts");
        }
        if (port < 1 || port > 65_535) {
            throw new InvalidRequestException("UDP port " + port + " is out of range: use 1..65535");
        }
        if (port == INTER_SITE_PORT) {
            throw new InvalidRequestException("UDP port " + port + " is the inter-site VXLAN port; the kernel refuses a"
                    + " second VXLAN with the same VNI on it: use another (default " + DEFAULT_PORT + ")");
        }
    }
}
