package io.isthmus.broker.domain.reservation;

import java.net.URI;

/** The requester DC's gateway that bridges the tenant's VLANs into the tunnels. */
public record GatewaySpec(String id, URI endpoint, String tunnelKind) {
}
