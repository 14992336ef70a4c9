package io.isthmus.broker.infrastructure.config;

import io.isthmus.broker.domain.site.RequesterGateway;
import io.isthmus.broker.domain.site.RequesterGateways;
import io.isthmus.broker.domain.site.VlanRanges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The requester gateways the broker's operator registered:
 * {@code isthmus.requesterGateways} ("gw-req=http://…/GatewayService,gw-req2=…": each gateway's id and endpoint) and
 * {@code isthmus.requesterGateways.grants} ("gw-req:t1=100,101-116,200;gw-req2:t2=100-200": which tenant may use
 * which gateway, and the VLANs it may bridge there). A gateway without a grant can be used by nobody.
 */
@ApplicationScoped
public class RequesterGatewaySettings {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    static final String GATEWAYS = "isthmus.requesterGateways";
    static final String GRANTS = "isthmus.requesterGateways.grants";

    private final RequesterGateways gateways;

    @Inject
    public RequesterGatewaySettings(@ConfigProperty(name = GATEWAYS) Optional<String> gateways,
                                    @ConfigProperty(name = GRANTS) Optional<String> grants) {
        this.gateways = parse(gateways.orElse(""), grants.orElse(""));
    }

    protected RequesterGatewaySettings() {
        this(Optional.empty(), Optional.empty());
    }

    public RequesterGateways gateways() {
        return gateways;
    }

    static RequesterGateways parse(String gateways, String grants) {
        Map<String, URI> endpoints;
        try {
            endpoints = BrokerSettings.parseSites(gateways);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(GATEWAYS + ": " + e.getMessage().replace("isthmus.sites: ", "")
                    .replace("site-id", "gateway-id").replace("site ids", "gateway ids"), e);
        }
        Map<String, Map<String, VlanRanges>> byGateway = new LinkedHashMap<>();
        endpoints.keySet().forEach(id -> byGateway.put(id, new LinkedHashMap<>()));
        for (String grant : grants.split(";")) {
            if (grant.isBlank()) {
                continue;
            }
            int colon = grant.indexOf(':');
            int eq = grant.indexOf('=');
            if (colon < 0 || eq < colon) {
                throw new IllegalArgumentException(GRANTS + ": '" + grant.strip()
                        + "' is not gateway-id:tenant=vlans (e.g. gw-req:t1=100,101-116)");
            }
            String gateway = grant.substring(0, colon).strip();
            String tenant = grant.substring(colon + 1, eq).strip();
            if (!byGateway.containsKey(gateway)) {
                throw new IllegalArgumentException(GRANTS + ": gateway '" + gateway + "' is not in " + GATEWAYS
                        + " (registered: " + endpoints.keySet() + ")");
            }
            if (!NAME.matcher(tenant).matches()) {
                throw new IllegalArgumentException(GRANTS + ": '" + tenant + "' is not a tenant name");
            }
            try {
                if (byGateway.get(gateway).put(tenant, VlanRanges.parse(grant.substring(eq + 1))) != null) {
                    throw new IllegalArgumentException("tenant " + tenant + " is granted " + gateway + " twice");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(GRANTS + ": " + gateway + ":" + tenant + ": " + e.getMessage(), e);
            }
        }
        List<RequesterGateway> all = new ArrayList<>();
        endpoints.forEach((id, endpoint) -> all.add(new RequesterGateway(id, endpoint, byGateway.get(id))));
        return new RequesterGateways(all);
    }
}
