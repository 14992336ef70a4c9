package io.isthmus.gateway;

import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.SiteLeg;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Reads a site gateway's site leg from {@code gateway.siteAddress}, {@code gateway.siteHosts},
 * {@code gateway.siteDevice} and {@code gateway.sitePort}: all absent on a requester gateway, and then none of the
 * others may be set.
 */
final class SiteLegConfig {

    private static final String ADDRESS = "gateway.siteAddress";
    private static final String HOSTS = "gateway.siteHosts";
    private static final String DEVICE = "gateway.siteDevice";
    private static final String PORT = "gateway.sitePort";

    private SiteLegConfig() {
    }

    static Optional<SiteLeg> from(Properties p) {
        Optional<Ipv4Address> address = GatewayConfig.optional(p, ADDRESS, Ipv4Address::new);
        Optional<List<Ipv4Address>> hosts = GatewayConfig.optional(p, HOSTS, v -> list(v, Ipv4Address::new));
        Optional<InterfaceName> device = GatewayConfig.optional(p, DEVICE, InterfaceName::new);
        Optional<Integer> port = GatewayConfig.optional(p, PORT, SiteLegConfig::sitePort);
        if (address.isEmpty()) {
            for (String key : List.of(HOSTS, DEVICE, PORT)) {
                if (GatewayConfig.optional(p, key, v -> v).isPresent()) {
                    throw new GatewayConfigException(key + ": only a site gateway has a site leg; set " + ADDRESS
                            + " (this gateway's site-LAN address) too, or remove " + key);
                }
            }
            return Optional.empty();
        }
        List<Ipv4Address> siteHosts = hosts.orElseThrow(() -> new GatewayConfigException("missing " + HOSTS
                + ": a site gateway (" + ADDRESS + " set) needs its site's host addresses, comma-separated"));
        try {
            return Optional.of(new SiteLeg(address.get(), siteHosts, device, port.orElse(SiteLeg.DEFAULT_PORT)));
        } catch (InvalidRequestException e) {
            throw new GatewayConfigException(HOSTS + ": " + e.getMessage(), e);
        }
    }

    /** A comma-separated list, each item parsed; empty items are refused. */
    static <T> List<T> list(String value, Function<String, T> parse) {
        List<T> items = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            if (item.isBlank()) {
                throw new IllegalArgumentException("'" + value + "' has an empty item: separate values by single commas");
            }
            items.add(parse.apply(item.strip()));
        }
        return List.copyOf(items);
    }

    /** A TCP or UDP port number. */
    static int port(String value) {
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a port number", e);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is out of range: use 1..65535");
        }
        return port;
    }

    private static int sitePort(String value) {
        int port = port(value);
        if (port == SiteLeg.INTER_SITE_PORT) {
            throw new IllegalArgumentException(port + " is the inter-site VXLAN port and the kernel refuses a second"
                    + " VXLAN with the same VNI on it: use another (default " + SiteLeg.DEFAULT_PORT + ")");
        }
        return port;
    }
}
