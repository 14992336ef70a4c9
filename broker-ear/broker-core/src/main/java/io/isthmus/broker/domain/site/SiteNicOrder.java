package io.isthmus.broker.domain.site;

/** A NIC a site must create: segment, VNI and MAC (and the IPv4 address, if fixed). */
public record SiteNicOrder(String segment, int vni, String mac, String ipv4) {
}
