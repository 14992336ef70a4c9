package io.isthmus.broker.domain.site;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A requester data centre's gateway as the broker's operator registered it: where it answers, and which VLANs each
 * tenant allowed to use it may bridge through it. Requests name the gateway by id only; the broker never calls an
 * address taken from a request.
 */
public record RequesterGateway(String id, URI endpoint, Map<String, VlanRanges> vlansByTenant) {

    public RequesterGateway {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpoint, "endpoint");
        vlansByTenant = Map.copyOf(vlansByTenant);
    }

    /** The VLANs {@code tenant} may bridge here; empty when the gateway is not granted to it. */
    public Optional<VlanRanges> grantedTo(String tenant) {
        return Optional.ofNullable(vlansByTenant.get(tenant));
    }
}
