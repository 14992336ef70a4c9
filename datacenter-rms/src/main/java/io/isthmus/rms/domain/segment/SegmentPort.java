package io.isthmus.rms.domain.segment;

import io.isthmus.rms.domain.compute.BridgeName;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.domain.site.NamespaceName;
import java.util.Objects;
import java.util.Optional;

/**
 * What one host needs to carry one segment: the segment's VNI, the host's own site-LAN address (the VXLAN
 * source), the site gateway's site-LAN address (the VXLAN's single remote), the network namespace the host
 * lives in when it is emulated (empty: the host's own namespace) and the MTU of the bridge and its uplink.
 *
 * <p>{@link #DEFAULT_MTU} is 1450: a 1500-byte site LAN minus the 50 bytes VXLAN adds over IPv4 (outer IPv4 20,
 * UDP 8, VXLAN 8, inner Ethernet 14), so tenant frames are never fragmented on the LAN.
 */
public record SegmentPort(Vni vni, Ipv4Address hostAddress, Ipv4Address gatewayAddress,
        Optional<NamespaceName> namespace, int mtu) {

    public static final int DEFAULT_MTU = 1450;
    /** The IPv6 minimum link MTU, so a tenant may run IPv6 on any segment. */
    public static final int MIN_MTU = 1280;
    public static final int MAX_MTU = 9000;

    public SegmentPort {
        Objects.requireNonNull(vni, "vni");
        Objects.requireNonNull(hostAddress, "hostAddress");
        Objects.requireNonNull(gatewayAddress, "gatewayAddress");
        Objects.requireNonNull(namespace, "namespace");
        if (!hostAddress.isHostUnicast() || !gatewayAddress.isHostUnicast()) {
            throw new InvalidRequestException("underlay", "segment " + vni + " needs unicast site-LAN addresses for"
                    + " host and gateway, not " + hostAddress + " and " + gatewayAddress);
        }
        if (hostAddress.equals(gatewayAddress)) {
            throw new InvalidRequestException("underlay", "segment " + vni + ": the host and the gateway both have"
                    + " address " + hostAddress + "; give the host its own site-LAN address");
        }
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw new InvalidRequestException("mtu", "segment " + vni + " MTU " + mtu + " is out of range: use "
                    + MIN_MTU + ".." + MAX_MTU + " (" + DEFAULT_MTU + " over a 1500-byte site LAN)");
        }
    }

    /** A segment on a host in its own namespace, with the default MTU. */
    public static SegmentPort of(Vni vni, Ipv4Address hostAddress, Ipv4Address gatewayAddress) {
        return new SegmentPort(vni, hostAddress, gatewayAddress, Optional.empty(), DEFAULT_MTU);
    }

    /** The same segment on an emulated host living in {@code host}. */
    public SegmentPort inNamespace(NamespaceName host) {
        return new SegmentPort(vni, hostAddress, gatewayAddress, Optional.of(host), mtu);
    }

    public SegmentPort withMtu(int newMtu) {
        return new SegmentPort(vni, hostAddress, gatewayAddress, namespace, newMtu);
    }

    public BridgeName bridge() {
        return BridgeName.forSegment(vni);
    }

    public UplinkName uplink() {
        return UplinkName.forSegment(vni);
    }
}
