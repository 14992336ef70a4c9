package io.isthmus.broker.domain.site;

import java.util.Map;
import java.util.Set;

/** A gateway's identity, tunnel address and the tunnel kinds it can carry (kind to reason when it cannot). */
public record GatewayInfo(String id, String tunnelAddress, Map<String, String> unavailableKinds,
                         Set<String> availableKinds) {
}
