package io.isthmus.gateway.domain.shared;

import java.util.regex.Pattern;

/** A dotted-quad IPv4 address (a gateway's underlay or tunnel address), ordered numerically. */
public record Ipv4Address(String value) implements Comparable<Ipv4Address> {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

    public Ipv4Address {
        if (value == null || !IPV4.matcher(value).matches()) {
            throw new InvalidRequestException("'" + value + "' is not an IPv4 address (e.g. 198.51.100.1)");
        }
    }

    /** Whether {@code candidate} is a dotted-quad IPv4 address. */
    public static boolean isValid(String candidate) {
        return candidate != null && IPV4.matcher(candidate).matches();
    }

    /** The address as an unsigned 32-bit number (198.51.100.9 is lower than 198.51.100.10). */
    public long numeric() {
        long n = 0;
        for (String octet : value.split("\\.")) {
            n = (n << 8) | Integer.parseInt(octet);
        }
        return n;
    }

    @Override
    public int compareTo(Ipv4Address other) {
        return Long.compare(numeric(), other.numeric());
    }

    @Override
    public String toString() {
        return value;
    }
}
