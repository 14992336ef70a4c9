package io.isthmus.broker.domain.reservation;

/**
 * The requester DC's gateway that bridges the tenant's VLANs into the tunnels, by the id the broker's operator
 * registered it under (its endpoint comes from that registration, never from a request).
 */
public record GatewaySpec(String id, String tunnelKind) {
}
