package io.isthmus.examples.federation.topology;

import java.util.List;

/**
 * A tenant's own network behind its requester gateway: namespace {@code namespace} carrying the tenant's VLANs.
 * Each VLAN appears in the tenant namespace as interface {@code v<vlan>} (up, MTU {@link #SEGMENT_MTU}, no address: a
 * test adds one).
 * Without kernel 802.1Q the gateway gets one untagged access port {@code acc<vlan>} per VLAN (a veth whose peer
 * is {@code v<vlan>}); with 802.1Q it gets the trunk {@code trunk0} and {@code v<vlan>} is a VLAN sub-interface
 * of the trunk's peer {@code lan0}.
 */
public record TenantLan(String tenant, GatewaySlot gateway, LinuxName namespace, List<Integer> vlans) {

    /**
     * The MTU of every Isthmus segment over a 1500-byte underlay (VXLAN adds 50 bytes; the sites' segments and VM
     * NICs use it too). One L2 segment has one MTU, so the tenant's VLANs are configured with it, as OpenStack does
     * for its VXLAN networks; a larger tenant MTU would lose every frame over 1450 bytes that TCP's MSS does not cap.
     */
    public static final int SEGMENT_MTU = 1450;

    public TenantLan {
        if (!gateway.requester()) {
            throw new IllegalArgumentException("gateway " + gateway.gatewayId() + " is a site gateway: only a "
                    + "requester gateway has a tenant network");
        }
        vlans = List.copyOf(vlans);
        for (int vlan : vlans) {
            if (vlan < 1 || vlan > 4094) {
                throw new IllegalArgumentException("VLAN " + vlan + " is outside 1..4094");
            }
        }
    }

    /** The gateway-side untagged access port of {@code vlan}, e.g. {@code acc100}. */
    public static LinuxName accessPort(int vlan) {
        return LinuxName.of("acc" + vlan);
    }

    /** The tenant-side interface of {@code vlan}, e.g. {@code v100}. */
    public static LinuxName tenantPort(int vlan) {
        return LinuxName.of("v" + vlan);
    }
}
