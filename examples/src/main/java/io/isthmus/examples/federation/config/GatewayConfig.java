package io.isthmus.examples.federation.config;

import io.isthmus.examples.federation.topology.EmulatedUnderlay;
import io.isthmus.examples.federation.topology.GatewaySlot;
import io.isthmus.examples.federation.topology.Ipv4Interface;
import io.isthmus.examples.federation.topology.LanHost;
import io.isthmus.examples.federation.topology.SiteLan;
import io.isthmus.examples.federation.topology.TenantLan;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The configuration of one gateway node, as the keys {@code gateway-node} reads from its properties file. A site
 * gateway has its site's LAN ({@code siteLan}); a requester gateway has its tenant's network ({@code tenantLan}).
 */
public record GatewayConfig(GatewaySlot slot, URI listen, Path dataDir, Optional<SiteLan> siteLan,
                            Optional<TenantLan> tenantLan) {

    public GatewayConfig {
        if (siteLan.isPresent() && !siteLan.get().gateway().equals(slot)) {
            throw new IllegalArgumentException("the LAN of " + siteLan.get().siteId() + " belongs to gateway "
                    + siteLan.get().gateway().gatewayId() + ", not " + slot.gatewayId());
        }
        if (tenantLan.isPresent() && !tenantLan.get().gateway().equals(slot)) {
            throw new IllegalArgumentException("tenant network " + tenantLan.get().namespace() + " belongs to gateway "
                    + tenantLan.get().gateway().gatewayId() + ", not " + slot.gatewayId());
        }
    }

    public String gatewayId() {
        return slot.gatewayId();
    }

    /**
     * With an emulated data plane a requester gateway gets {@code gateway.trunk=trunk0} (802.1Q) or
     * {@code gateway.accessPorts=100:acc100,200:acc200} (no 802.1Q), and a site gateway its site leg
     * ({@code gateway.siteAddress}, {@code gateway.siteHosts}, {@code gateway.siteDevice=site0}); without one,
     * none of these.
     */
    public Map<String, String> properties(DataPlaneMode mode) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("gateway.id", slot.gatewayId());
        keys.put("gateway.listen", listen.toString());
        keys.put("gateway.dataDir", dataDir.toString());
        keys.put("gateway.tunnelAddress", slot.address().address());
        keys.put("gateway.underlayDevice", EmulatedUnderlay.GATEWAY_UPLINK.value());
        if (mode == DataPlaneMode.EMULATED_TRUNK && slot.requester()) {
            keys.put("gateway.trunk", EmulatedUnderlay.TRUNK.value());
        }
        if (mode == DataPlaneMode.EMULATED_ACCESS_PORTS) {
            tenantLan.ifPresent(tenant -> keys.put("gateway.accessPorts", tenant.vlans().stream()
                    .map(vlan -> vlan + ":" + TenantLan.accessPort(vlan)).collect(Collectors.joining(","))));
        }
        if (mode.isEmulated()) {
            siteLan.ifPresent(site -> {
                keys.put("gateway.siteAddress", site.gatewayAddress().address());
                keys.put("gateway.siteHosts", site.hosts().stream().map(LanHost::address)
                        .map(Ipv4Interface::address).collect(Collectors.joining(",")));
                keys.put("gateway.siteDevice", SiteLan.GATEWAY_PORT.value());
            });
        }
        keys.put("gateway.netns", slot.namespace().value());
        return keys;
    }
}
