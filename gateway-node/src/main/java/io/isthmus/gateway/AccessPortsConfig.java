package io.isthmus.gateway;

import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.stitch.VlanId;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.SiteLeg;
import io.isthmus.gateway.domain.tunnel.StitchInterfaces;
import io.isthmus.gateway.domain.tunnel.UdpPortRange;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code gateway.accessPorts} ({@code <vlan>:<ifname>,...}: existing interfaces that each carry one tenant
 * VLAN untagged, for kernels that cannot tag) and {@code gateway.openvpnPorts} ({@code first-last}).
 */
final class AccessPortsConfig {

    static final String ACCESS_PORTS = "gateway.accessPorts";
    static final String OPENVPN_PORTS = "gateway.openvpnPorts";
    private static final Pattern ITEM = Pattern.compile("(\\d{1,4}):(.+)");

    private AccessPortsConfig() {
    }

    /** The access ports by VLAN; none of them may be a device the gateway uses otherwise or names itself. */
    static Map<VlanId, InterfaceName> accessPorts(Properties p, Set<InterfaceName> otherDevices) {
        Map<VlanId, InterfaceName> ports = GatewayConfig.optional(p, ACCESS_PORTS, AccessPortsConfig::parse)
                .orElse(Map.of());
        for (InterfaceName port : ports.values()) {
            if (otherDevices.contains(port)) {
                throw new GatewayConfigException(ACCESS_PORTS + ": " + port + " is already the gateway's underlay, trunk"
                        + " or site device: an access port must be an interface of its own");
            }
        }
        return ports;
    }

    static UdpPortRange openvpnPorts(Properties p, Optional<SiteLeg> siteLeg) {
        UdpPortRange range = GatewayConfig.optional(p, OPENVPN_PORTS, UdpPortRange::parse).orElse(UdpPortRange.DEFAULT);
        for (int taken : List.of(SiteLeg.INTER_SITE_PORT, siteLeg.map(SiteLeg::port).orElse(SiteLeg.INTER_SITE_PORT))) {
            if (range.contains(taken)) {
                throw new GatewayConfigException(OPENVPN_PORTS + ": " + range + " contains UDP " + taken
                        + ", which the VXLAN tunnels use: choose a range without it (default " + UdpPortRange.DEFAULT + ")");
            }
        }
        return range;
    }

    private static Map<VlanId, InterfaceName> parse(String value) {
        Map<VlanId, InterfaceName> ports = new LinkedHashMap<>();
        Set<InterfaceName> names = new HashSet<>();
        for (String item : SiteLegConfig.list(value, String::strip)) {
            Matcher m = ITEM.matcher(item);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + item + "' is not <vlan>:<interface> (e.g. 100:acc100)");
            }
            VlanId vlan = new VlanId(Integer.parseInt(m.group(1)));
            InterfaceName port = new InterfaceName(m.group(2).strip());
            if (StitchInterfaces.isManaged(port) || port.startsWith("isth")) {
                throw new InvalidRequestException("access port " + port + " is named like an interface the gateway"
                        + " creates and removes itself: rename it");
            }
            if (ports.put(vlan, port) != null) {
                throw new IllegalArgumentException("VLAN " + vlan + " has two access ports: give one per VLAN");
            }
            if (!names.add(port)) {
                throw new IllegalArgumentException(port + " is the access port of two VLANs: an access port carries one");
            }
        }
        return Map.copyOf(ports);
    }
}
