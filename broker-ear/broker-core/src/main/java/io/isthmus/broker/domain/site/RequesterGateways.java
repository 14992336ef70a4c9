package io.isthmus.broker.domain.site;

import io.isthmus.broker.domain.reservation.ValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requester gateways this broker knows, from its configuration. A request names one by id; it is used only when
 * it is granted to the request's tenant and every VLAN of the request is within that tenant's grant there. A gateway
 * that exists but is granted to other tenants is refused exactly as one that does not exist.
 */
public final class RequesterGateways {

    private final Map<String, RequesterGateway> byId = new LinkedHashMap<>();

    public RequesterGateways(Collection<RequesterGateway> gateways) {
        for (RequesterGateway gateway : gateways) {
            if (byId.putIfAbsent(gateway.id(), gateway) != null) {
                throw new IllegalArgumentException("requester gateway " + gateway.id() + " is registered twice");
            }
        }
    }

    public static RequesterGateways none() {
        return new RequesterGateways(List.of());
    }

    public Collection<RequesterGateway> all() {
        return byId.values();
    }

    /**
     * The registered gateway {@code gatewayId} for {@code tenant} bridging {@code vlans}.
     *
     * @param vlans by field, e.g. "segment[0].vlan" to 100, for the fault's details
     * @throws ValidationException naming the gateways the tenant may use, or the VLANs outside its grant
     */
    public RequesterGateway authorize(String tenant, String gatewayId, Map<String, Integer> vlans) {
        RequesterGateway gateway = byId.get(gatewayId);
        if (gateway == null || gateway.grantedTo(tenant).isEmpty()) {
            List<String> usable = byId.values().stream().filter(g -> g.grantedTo(tenant).isPresent())
                    .map(RequesterGateway::id).toList();
            String problem = "requesterGateway.id: no requester gateway '" + gatewayId + "' is available to tenant "
                    + tenant + (usable.isEmpty() ? "; this broker registers none for it (ask the federation's operator)"
                    : "; it may use " + String.join(", ", usable));
            throw new ValidationException("the virtual infrastructure request has 1 problem(s): " + problem,
                    List.of(problem));
        }
        VlanRanges granted = gateway.grantedTo(tenant).orElseThrow();
        List<String> problems = new ArrayList<>();
        vlans.forEach((field, vlan) -> {
            if (!granted.contains(vlan)) {
                problems.add(field + ": VLAN " + vlan + " is not granted to tenant " + tenant + " at gateway "
                        + gatewayId + " (granted: " + granted + ")");
            }
        });
        if (!problems.isEmpty()) {
            throw new ValidationException("the virtual infrastructure request has " + problems.size()
                    + " problem(s): " + String.join("; ", problems), problems);
        }
        return gateway;
    }
}
