package io.isthmus.gateway.application.stitch;

import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.stitch.VlanId;
import io.isthmus.gateway.domain.tunnel.UdpPortRange;
import java.util.Objects;
import java.util.Set;

/**
 * What the use cases need to know about this gateway: who it is, its tunnel address, how it reaches tenant VLANs
 * (a trunk, and access ports for some VLANs), the UDP ports openvpn may listen on and how long it keeps holds and
 * bookings on its own.
 */
public record GatewayProfile(GatewayId id, Ipv4Address tunnelAddress, boolean hasTrunk, Set<VlanId> accessPortVlans,
                             UdpPortRange openvpnPorts, Leases leases) {

    /** A gateway with the default {@link Leases}. */
    public GatewayProfile(GatewayId id, Ipv4Address tunnelAddress, boolean hasTrunk, Set<VlanId> accessPortVlans,
                          UdpPortRange openvpnPorts) {
        this(id, tunnelAddress, hasTrunk, accessPortVlans, openvpnPorts, Leases.DEFAULT);
    }

    public GatewayProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tunnelAddress, "tunnelAddress");
        accessPortVlans = Set.copyOf(accessPortVlans);
        Objects.requireNonNull(openvpnPorts, "openvpnPorts");
        Objects.requireNonNull(leases, "leases");
    }
}
