package io.isthmus.rms.domain.segment;

import io.isthmus.rms.domain.site.InvalidRequestException;
import java.util.Objects;

/** An IPv4 address with its prefix length as an interface carries it, e.g. {@code 10.0.0.1/24}. */
public record Ipv4Interface(Ipv4Address address, int prefixLength) {

    public Ipv4Interface {
        Objects.requireNonNull(address, "address");
        if (prefixLength < 1 || prefixLength > 32) {
            throw new InvalidRequestException("ipv4", "prefix length /" + prefixLength + " of " + address
                    + " is out of range: use 1..32");
        }
        if (!address.isHostUnicast()) {
            throw new InvalidRequestException("ipv4", address + " cannot be an interface address: use a unicast"
                    + " address outside 0/8, 127/8 and 224/3");
        }
    }

    /** Parses {@code a.b.c.d/len}. */
    public static Ipv4Interface parse(String cidr) {
        int slash = cidr == null ? -1 : cidr.indexOf('/');
        if (slash < 0 || !cidr.substring(slash + 1).matches("[1-9][0-9]?")) {
            throw new InvalidRequestException("ipv4", "'" + cidr + "' is not address/prefix, e.g. 10.0.0.1/24");
        }
        return new Ipv4Interface(new Ipv4Address(cidr.substring(0, slash)),
                Integer.parseInt(cidr.substring(slash + 1)));
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
