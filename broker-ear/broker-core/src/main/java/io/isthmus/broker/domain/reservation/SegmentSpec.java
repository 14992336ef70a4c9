package io.isthmus.broker.domain.reservation;

/** A requested L2 segment: the tenant's VLAN at the requester and an optional IPv4 CIDR. */
public record SegmentSpec(String name, int vlan, String cidr) {
}
