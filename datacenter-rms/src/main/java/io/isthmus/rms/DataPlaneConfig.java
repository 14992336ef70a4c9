package io.isthmus.rms;

import io.isthmus.rms.domain.segment.HostUnderlay;
import io.isthmus.rms.domain.segment.Ipv4Address;
import io.isthmus.rms.domain.segment.SiteUnderlay;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.domain.site.SiteId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code site.dataPlane} ({@code none}, the default, or {@code emulated}), {@code site.gatewaySiteAddress}
 * and {@code host.<h>.namespace|lanAddress}. With {@code emulated} every host is a network namespace (default
 * {@code isth-<site>-<h>}, at most 15 characters) with its own site-LAN address.
 */
final class DataPlaneConfig {

    static final String MODE = "site.dataPlane";
    static final String GATEWAY = "site.gatewaySiteAddress";
    private static final Pattern HOST_NAMESPACE = Pattern.compile("[a-z0-9][a-z0-9-]{0,14}");

    private DataPlaneConfig() {
    }

    /** The emulated site LAN, or empty when the RMS does not manage a data plane. */
    static Optional<SiteUnderlay> read(ConfigValues values, SiteId site, List<HostName> hostNames) {
        String mode = values.optional(MODE).orElse("none");
        if (mode.equals("none")) {
            return Optional.empty();
        }
        if (!mode.equals("emulated")) {
            throw new InvalidConfigException(MODE, MODE + "=" + mode + " is not a data plane: use none or emulated");
        }
        Ipv4Address gateway = address(values, GATEWAY);
        List<HostUnderlay> hosts = new ArrayList<>();
        for (HostName host : hostNames) {
            String key = "host." + host + ".lanAddress";
            Ipv4Address lan = address(values, key);
            if (lan.equals(gateway)) {
                throw new InvalidConfigException(key, key + "=" + lan + " is the gateway's address (" + GATEWAY
                        + "); give the host its own site-LAN address");
            }
            if (hosts.stream().anyMatch(h -> h.lanAddress().equals(lan))) {
                throw new InvalidConfigException(key, key + "=" + lan + " is already another host's address");
            }
            hosts.add(new HostUnderlay(host, namespace(values, site, host), lan));
        }
        return Optional.of(new SiteUnderlay(gateway, hosts));
    }

    private static NamespaceName namespace(ConfigValues values, SiteId site, HostName host) {
        String key = "host." + host + ".namespace";
        String name = values.optional(key).orElse("isth-" + site.value() + "-" + host);
        if (!HOST_NAMESPACE.matcher(name).matches()) {
            throw new InvalidConfigException(key, key + "=" + name + " is not a usable host namespace: use at most"
                    + " 15 lowercase letters, digits or '-'" + (values.optional(key).isEmpty()
                    ? " (the default isth-<site>-<host> is too long here; set " + key + ")" : ""));
        }
        return new NamespaceName(name);
    }

    private static Ipv4Address address(ConfigValues values, String key) {
        String value = values.optional(key).orElseThrow(() -> new InvalidConfigException(key,
                "missing configuration key " + key + ", required with " + MODE + "=emulated"));
        try {
            Ipv4Address address = new Ipv4Address(value);
            if (address.isHostUnicast()) {
                return address;
            }
        } catch (InvalidRequestException e) {
            throw new InvalidConfigException(key, key + "=" + value + " is not an IPv4 address, e.g. 198.51.100.1",
                    e);
        }
        throw new InvalidConfigException(key, key + "=" + value + " must be a unicast address, e.g. 198.51.100.1");
    }
}
