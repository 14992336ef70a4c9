package io.isthmus.examples.federation;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the running federation answers: broker SOAP and REST, each site RMS and gateway by id
 * ({@code site-a}, {@code site-b}; {@code gw-req}, {@code gw-a}, {@code gw-b}, {@code gw-req2}), whether the data
 * plane is emulated (root), and how long it took from start to ready. {@code gw-req} and {@code gw-req2} are the
 * requester gateways of two tenants (tenant networks {@code isth-req-lan} and {@code isth-req2-lan}).
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

    /** The first tenant's requester gateway, {@code gw-req}. */
    public URI requesterGateway() {
        return gateway("gw-req");
    }

    /** The second tenant's requester gateway, {@code gw-req2}. */
    public URI secondRequesterGateway() {
        return gateway("gw-req2");
    }

    private static URI require(Map<String, URI> map, String key, String what) {
        URI uri = map.get(key);
        if (uri == null) {
            throw new IllegalArgumentException("no " + what + " '" + key + "' in this federation; known: " + map.keySet());
        }
        return uri;
    }
}
