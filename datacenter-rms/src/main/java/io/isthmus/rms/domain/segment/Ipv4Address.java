package io.isthmus.rms.domain.segment;

import io.isthmus.rms.domain.site.InvalidRequestException;
import java.util.regex.Pattern;

/** An IPv4 address in dotted-quad form without leading zeros, e.g. {@code 198.51.100.11}. */
public record Ipv4Address(String value) {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern DOTTED_QUAD = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

    public Ipv4Address {
        if (value == null || !DOTTED_QUAD.matcher(value).matches()) {
            throw new InvalidRequestException("ipv4", "'" + value + "' is not an IPv4 address: use four decimal"
                    + " numbers 0-255 without leading zeros separated by '.', e.g. 198.51.100.11");
        }
    }

    /**
     * Whether a host can use this as its own unicast address: not 0.0.0.0/8 ("this network"), not loopback
     * 127.0.0.0/8, not multicast 224.0.0.0/4 and not the reserved/broadcast 240.0.0.0/4.
     */
    public boolean isHostUnicast() {
        int first = Integer.parseInt(value.substring(0, value.indexOf('.')));
        return first != 0 && first != 127 && first < 224;
    }

    @Override
    public String toString() {
        return value;
    }
}
