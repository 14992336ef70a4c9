package io.isthmus.examples.federation.topology;

import java.util.List;

/**
 * A tenant's own network behind its requester gateway: namespace {@code namespace} carrying the tenant's VLANs.
 * Each VLAN appears in the tenant namespace as interface {@code v<vlan>} (up, no address: a test adds one).
 * Without kernel 802.1Q the gateway gets one untagged access port {@code acc<vlan>} per VLAN (a veth whose peer
 * is {@code v<vlan>}); with 802.1Q it gets the trunk {@code trunk0} and {@code v<vlan>} is a VLAN sub-interface
 * of the trunk's peer {@code lan0}.
 */
public record TenantLan(GatewaySlot gateway, LinuxName namespace, List<Integer> vlans) {

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
