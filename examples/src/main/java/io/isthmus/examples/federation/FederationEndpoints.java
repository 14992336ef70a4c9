package io.isthmus.examples.federation;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the running federation answers: broker SOAP and REST, each site RMS and gateway by id
 * ({@code site-a}, {@code site-b}; {@code gw-req}, {@code gw-a}, {@code gw-b}), whether the data plane is
 * emulated (root), and how long it took from start to ready.
 */
public record FederationEndpoints(URI brokerSoap, URI brokerRest, Map<String, URI> sites,
                                  Map<String, URI> gateways, boolean dataPlaneEmulated, Duration startup) {

    public FederationEndpoints {
        sites = Collections.unmodifiableMap(new LinkedHashMap<>(sites));
        gateways = Collections.unmodifiableMap(new LinkedHashMap<>(gateways));
    }

    public URI site(String siteId) {
        return require(sites, siteId, "site");
    }

    public URI gateway(String gatewayId) {
        return require(gateways, gatewayId, "gateway");
    }

    public URI requesterGateway() {
        return gateway("gw-req");
    }

    private static URI require(Map<String, URI> map, String key, String what) {
        URI uri = map.get(key);
        if (uri == null) {
            throw new IllegalArgumentException("no " + what + " '" + key + "' in this federation; known: " + map.keySet());
        }
        return uri;
    }
}
