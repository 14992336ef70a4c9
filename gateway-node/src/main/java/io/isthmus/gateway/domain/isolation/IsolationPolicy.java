package io.isthmus.gateway.domain.isolation;

import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.Ipv6Address;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What tenant frames entering a segment port (an interface whose name starts with one of {@code portPrefixes}, or
 * is one of {@code portNames}: the operator's access ports) may never do: carry a protected address as source or destination (IPv4, ARP, IPv6), or go to a protected TCP
 * port. The gateway itself has no address on a segment, so it neither takes nor sends frames there.
 */
public record IsolationPolicy(GatewayId gateway, List<Ipv4Address> ipv4, List<Ipv6Address> ipv6,
                              List<Integer> tcpPorts, List<String> portPrefixes, List<InterfaceName> portNames) {

    private static final Pattern PREFIX = Pattern.compile("[a-z]{2,8}");

    public IsolationPolicy {
        Objects.requireNonNull(gateway, "gateway");
        ipv4 = List.copyOf(ipv4.stream().distinct().toList());
        ipv6 = List.copyOf(ipv6.stream().distinct().toList());
        tcpPorts = List.copyOf(tcpPorts.stream().distinct().sorted().toList());
        portPrefixes = List.copyOf(portPrefixes);
        portNames = List.copyOf(portNames);
        if (ipv4.isEmpty() || tcpPorts.isEmpty() || portPrefixes.isEmpty()) {
            throw new InvalidRequestException("an isolation policy needs at least one IPv4 address, one TCP port and "
                    + "one segment port prefix");
        }
        for (int port : tcpPorts) {
            if (port < 1 || port > 65_535) {
                throw new InvalidRequestException("protected TCP port " + port + " is out of range: use 1..65535");
            }
        }
        for (String prefix : portPrefixes) {
            if (!PREFIX.matcher(prefix).matches()) {
                throw new InvalidRequestException("segment port prefix '" + prefix + "' must be 2..8 lowercase letters");
            }
        }
    }

    /** A policy whose segment ports are all gateway-named (no access ports). */
    public IsolationPolicy(GatewayId gateway, List<Ipv4Address> ipv4, List<Ipv6Address> ipv6, List<Integer> tcpPorts,
                           List<String> portPrefixes) {
        this(gateway, ipv4, ipv6, tcpPorts, portPrefixes, List.of());
    }
}
