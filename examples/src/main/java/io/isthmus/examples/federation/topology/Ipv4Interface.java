package io.isthmus.examples.federation.topology;

import java.util.regex.Pattern;

/** An IPv4 address with prefix length, e.g. {@code 198.51.100.2/24}, validated before it reaches {@code ip}. */
public record Ipv4Interface(String address, int prefixLength) {

    private static final Pattern OCTETS =
            Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    public Ipv4Interface {
        if (address == null || !OCTETS.matcher(address).matches()) {
            throw new IllegalArgumentException("'" + address + "' is not an IPv4 address such as 198.51.100.2");
        }
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0..32");
        }
    }

    public String cidr() {
        return address + "/" + prefixLength;
    }
}
