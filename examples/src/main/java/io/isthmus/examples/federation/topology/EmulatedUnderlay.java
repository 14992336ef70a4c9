package io.isthmus.examples.federation.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The fixed emulated underlay of the federation, every name derived here:
 * <ul>
 * <li>WAN: namespace {@code isth-wan} with bridge {@code wan0}; each gateway's namespace {@code isth-<gw>} joins it
 *     by a veth {@code wan0} (peer {@code wan-<gw>}) on 198.51.100.0/24: gw-req .1, gw-a .2, gw-b .3, gw-req2 .4.</li>
 * <li>Tenant sides: each requester gateway (gw-req, gw-req2) serves one tenant network, namespace
 *     {@code isth-req-lan} / {@code isth-req2-lan}, on VLANs 100 and 200 (see {@link TenantLan}).</li>
 * <li>Sites: per site a LAN namespace {@code isth-<site>-lan} with bridge {@code lan0} on 172.16.n.0/24 (site-a
 *     n=1, site-b n=2), the site gateway's veth {@code site0} at 172.16.n.1 and one namespace
 *     {@code isth-<site>-<host>} per host at 172.16.n.(10+i) (see {@link SiteLan}).</li>
 * </ul>
 */
public final class EmulatedUnderlay {

    public static final LinuxName WAN_NAMESPACE = LinuxName.of("isth-wan");
    public static final LinuxName WAN_BRIDGE = LinuxName.of("wan0");
    public static final LinuxName GATEWAY_UPLINK = LinuxName.of("wan0");
    public static final LinuxName TRUNK = LinuxName.of("trunk0");
    public static final LinuxName REQUESTER_LAN_NAMESPACE = LinuxName.of("isth-req-lan");
    public static final LinuxName REQUESTER_2_LAN_NAMESPACE = LinuxName.of("isth-req2-lan");
    public static final LinuxName REQUESTER_LAN = LinuxName.of("lan0");
    public static final int PREFIX_LENGTH = 24;
    /**
     * The VLANs each tenant network uses; both tenants use the same ids (and may use the same subnets). 100 and 200
     * are the example's networks; 101 to 116 let one tenant hold many reservations at once (a tenant VLAN is booked
     * over time at its gateway), as the failure tests and the load benchmark do.
     */
    public static final List<Integer> TENANT_VLANS = Stream.concat(Stream.of(100, 200),
            IntStream.rangeClosed(101, 116).boxed()).toList();

    public static final GatewaySlot REQUESTER = slot("gw-req", 1, true);
    public static final GatewaySlot SITE_A = slot("gw-a", 2, false);
    public static final GatewaySlot SITE_B = slot("gw-b", 3, false);
    public static final GatewaySlot REQUESTER_2 = slot("gw-req2", 4, true);

    public static final TenantLan TENANT_1 = new TenantLan("t1", REQUESTER, REQUESTER_LAN_NAMESPACE,
            TENANT_VLANS);
    public static final TenantLan TENANT_2 = new TenantLan("t2", REQUESTER_2,
            REQUESTER_2_LAN_NAMESPACE, TENANT_VLANS);

    public static final SiteLan SITE_A_LAN = SiteLan.of("site-a", 1, SITE_A, List.of("a1", "a2"));
    public static final SiteLan SITE_B_LAN = SiteLan.of("site-b", 2, SITE_B, List.of("b1", "b2"));

    private EmulatedUnderlay() {
    }

    /** Every gateway; the n-th (from 1) listens on the n-th gateway port, so gw-req2 comes last. */
    public static List<GatewaySlot> gateways() {
        return List.of(REQUESTER, SITE_A, SITE_B, REQUESTER_2);
    }

    /** The requester gateways' tenant networks, one per tenant. */
    public static List<TenantLan> tenantLans() {
        return List.of(TENANT_1, TENANT_2);
    }

    public static List<SiteLan> siteLans() {
        return List.of(SITE_A_LAN, SITE_B_LAN);
    }

    /** Every namespace the underlay creates, in the order they are deleted (hosts first, the WAN last). */
    public static List<LinuxName> namespaces() {
        List<LinuxName> all = new ArrayList<>();
        for (SiteLan site : siteLans()) {
            site.hosts().forEach(host -> all.add(host.namespace()));
            all.add(site.namespace());
        }
        gateways().forEach(gateway -> all.add(gateway.namespace()));
        tenantLans().forEach(tenant -> all.add(tenant.namespace()));
        all.add(WAN_NAMESPACE);
        return List.copyOf(all);
    }

    /** The namespaces of the emulated site hosts (where the site RMSs put segments and VM stand-ins). */
    public static List<LinuxName> hostNamespaces() {
        return siteLans().stream().flatMap(site -> site.hosts().stream()).map(LanHost::namespace).toList();
    }

    private static GatewaySlot slot(String gatewayId, int hostOctet, boolean requester) {
        return new GatewaySlot(gatewayId, LinuxName.of("isth-" + gatewayId), LinuxName.of("wan-" + gatewayId),
                new Ipv4Interface("198.51.100." + hostOctet, PREFIX_LENGTH), requester);
    }
}
