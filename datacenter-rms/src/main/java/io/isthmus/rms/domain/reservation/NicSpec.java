package io.isthmus.rms.domain.reservation;

import io.isthmus.rms.domain.segment.Ipv4Address;
import io.isthmus.rms.domain.segment.Ipv4Interface;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.domain.site.Names;
import java.util.Objects;
import java.util.Optional;

/**
 * One NIC of an L1 node: on segment {@code segment} (carried as {@code vni}) with the broker's MAC, when the
 * broker sent one the tenant's IPv4 address (validated here, carried as text) with its segment's prefix
 * length ({@value #DEFAULT_PREFIX_LENGTH} when the broker gave none), and the NIC's bandwidth contract if it
 * has one.
 */
public record NicSpec(String segment, Vni vni, MacAddress mac, Optional<String> ipv4, int prefixLength,
        Optional<NicQos> qos) {

    public static final int DEFAULT_PREFIX_LENGTH = 24;
    public static final int MIN_PREFIX_LENGTH = 8;
    public static final int MAX_PREFIX_LENGTH = 30;

    public NicSpec {
        Names.require(segment, "segment");
        Objects.requireNonNull(vni, "vni");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(ipv4, "ipv4");
        Objects.requireNonNull(qos, "qos");
        ipv4.ifPresent(Ipv4Address::new);
        if (prefixLength < MIN_PREFIX_LENGTH || prefixLength > MAX_PREFIX_LENGTH) {
            throw new InvalidRequestException("nic.prefixLength", "prefix length /" + prefixLength + " of NIC " + mac
                    + " is out of range: use " + MIN_PREFIX_LENGTH + ".." + MAX_PREFIX_LENGTH
                    + ", the prefix of the segment's CIDR");
        }
    }

    /** A NIC on a /{@value #DEFAULT_PREFIX_LENGTH} segment without a bandwidth contract. */
    public NicSpec(String segment, Vni vni, MacAddress mac, Optional<String> ipv4) {
        this(segment, vni, mac, ipv4, DEFAULT_PREFIX_LENGTH, Optional.empty());
    }

    /** The NIC's address with its segment's prefix, e.g. {@code 10.0.0.5/16}, when the broker sent one. */
    public Optional<Ipv4Interface> ipv4Interface() {
        return ipv4.map(ip -> new Ipv4Interface(new Ipv4Address(ip), prefixLength));
    }
}
