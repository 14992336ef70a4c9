package io.isthmus.examples.federation.topology;

/**
 * One gateway's place in the emulated underlay: its namespace, the name of its veth peer on the WAN
 * bridge, its underlay address, and whether it is the requester's gateway (which also gets a trunk).
 */
public record GatewaySlot(String gatewayId, LinuxName namespace, LinuxName wanPeer, Ipv4Interface address,
                          boolean requester) {

    public GatewaySlot {
        if (gatewayId == null || gatewayId.isBlank()) {
            throw new IllegalArgumentException("a gateway slot needs the gateway's id");
        }
    }
}
