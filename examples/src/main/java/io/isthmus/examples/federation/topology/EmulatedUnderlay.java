package io.isthmus.examples.federation.topology;

import java.util.List;

/**
 * The fixed emulated underlay of the federation: namespace {@code isth-wan} with bridge {@code wan0},
 * one namespace per gateway joined to it by a veth {@code wan0} on 198.51.100.0/24, and the requester
 * gateway's trunk {@code trunk0} whose peer {@code lan0} sits in the tenant's own network {@code isth-req-lan}.
 */
public final class EmulatedUnderlay {

    public static final LinuxName WAN_NAMESPACE = LinuxName.of("isth-wan");
    public static final LinuxName WAN_BRIDGE = LinuxName.of("wan0");
    public static final LinuxName GATEWAY_UPLINK = LinuxName.of("wan0");
    public static final LinuxName TRUNK = LinuxName.of("trunk0");
    public static final LinuxName REQUESTER_LAN_NAMESPACE = LinuxName.of("isth-req-lan");
    public static final LinuxName REQUESTER_LAN = LinuxName.of("lan0");
    public static final int PREFIX_LENGTH = 24;

    public static final GatewaySlot REQUESTER = slot("gw-req", 1, true);
    public static final GatewaySlot SITE_A = slot("gw-a", 2, false);
    public static final GatewaySlot SITE_B = slot("gw-b", 3, false);

    private EmulatedUnderlay() {
    }

    public static List<GatewaySlot> gateways() {
        return List.of(REQUESTER, SITE_A, SITE_B);
    }

    /** Every namespace the underlay creates, in the order they are deleted. */
    public static List<LinuxName> namespaces() {
        return List.of(REQUESTER.namespace(), SITE_A.namespace(), SITE_B.namespace(),
                REQUESTER_LAN_NAMESPACE, WAN_NAMESPACE);
    }

    private static GatewaySlot slot(String gatewayId, int hostOctet, boolean requester) {
        return new GatewaySlot(gatewayId, LinuxName.of("isth-" + gatewayId), LinuxName.of("wan-" + gatewayId),
                new Ipv4Interface("198.51.100." + hostOctet, PREFIX_LENGTH), requester);
    }
}
