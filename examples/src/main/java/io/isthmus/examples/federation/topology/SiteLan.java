package io.isthmus.examples.federation.topology;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A site's LAN (its top-of-rack switch): namespace {@code isth-<site>-lan} with bridge {@code lan0} on
 * 172.16.n.0/24. The site gateway's namespace joins it by veth {@code site0} at 172.16.n.1 (peer named after the
 * gateway, e.g. {@code gw-a}); host i (from 1) is namespace {@code isth-<site>-<host>} joined by its veth
 * {@code lan0} at 172.16.n.(10+i) (peer {@code h-<host>}).
 */
public record SiteLan(String siteId, int number, LinuxName namespace, GatewaySlot gateway, LinuxName gatewayPeer,
                      Ipv4Interface gatewayAddress, List<LanHost> hosts) {

    public static final LinuxName BRIDGE = LinuxName.of("lan0");
    public static final LinuxName GATEWAY_PORT = LinuxName.of("site0");
    public static final LinuxName HOST_PORT = LinuxName.of("lan0");

    public SiteLan {
        hosts = List.copyOf(hosts);
        if (gateway.requester()) {
            throw new IllegalArgumentException("site " + siteId + " needs a site gateway, not requester gateway "
                    + gateway.gatewayId());
        }
        Set<LinuxName> peers = new HashSet<>(List.of(BRIDGE, gatewayPeer));
        for (LanHost host : hosts) {
            if (!peers.add(host.lanPeer())) {
                throw new IllegalArgumentException("two ports on the LAN of site " + siteId + " would be named "
                        + host.lanPeer() + "; rename host " + host.name());
            }
        }
    }

    /** Site {@code number} (1..254) with hosts named {@code hostNames}, laid out as the class describes. */
    public static SiteLan of(String siteId, int number, GatewaySlot gateway, List<String> hostNames) {
        if (number < 1 || number > 254) {
            throw new IllegalArgumentException("site number " + number + " is outside 1..254");
        }
        String subnet = "172.16." + number + ".";
        List<LanHost> hosts = new ArrayList<>();
        for (int i = 0; i < hostNames.size(); i++) {
            String host = hostNames.get(i);
            hosts.add(new LanHost(host, LinuxName.of("isth-" + siteId + "-" + host), LinuxName.of("h-" + host),
                    new Ipv4Interface(subnet + (11 + i), EmulatedUnderlay.PREFIX_LENGTH)));
        }
        return new SiteLan(siteId, number, LinuxName.of("isth-" + siteId + "-lan"), gateway,
                LinuxName.of(gateway.gatewayId()), new Ipv4Interface(subnet + "1", EmulatedUnderlay.PREFIX_LENGTH),
                hosts);
    }

    public List<String> hostNames() {
        return hosts.stream().map(LanHost::name).toList();
    }
}
