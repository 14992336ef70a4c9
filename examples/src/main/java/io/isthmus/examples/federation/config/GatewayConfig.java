package io.isthmus.examples.federation.config;

import io.isthmus.examples.federation.topology.EmulatedUnderlay;
import io.isthmus.examples.federation.topology.GatewaySlot;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The configuration of one gateway node, as the keys {@code gateway-node} reads from its properties file. */
public record GatewayConfig(GatewaySlot slot, URI listen, Path dataDir) {

    public String gatewayId() {
        return slot.gatewayId();
    }

    /**
     * @param vlanTrunk whether the requester gateway gets {@code trunk0} as its 802.1Q trunk; without one (a kernel
     *                  with no 802.1Q support) it delivers every segment untagged on its bridge {@code isbr<vni>}
     */
    public Map<String, String> properties(boolean vlanTrunk) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("gateway.id", slot.gatewayId());
        keys.put("gateway.listen", listen.toString());
        keys.put("gateway.dataDir", dataDir.toString());
        keys.put("gateway.tunnelAddress", slot.address().address());
        keys.put("gateway.underlayDevice", EmulatedUnderlay.GATEWAY_UPLINK.value());
        if (slot.requester() && vlanTrunk) {
            keys.put("gateway.trunk", EmulatedUnderlay.TRUNK.value());
        }
        keys.put("gateway.netns", slot.namespace().value());
        return keys;
    }
}
