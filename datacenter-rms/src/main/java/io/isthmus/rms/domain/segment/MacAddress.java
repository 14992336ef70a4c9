package io.isthmus.rms.domain.segment;

import io.isthmus.rms.domain.site.InvalidRequestException;
import java.util.regex.Pattern;

/** A unicast Ethernet MAC address in lowercase colon form, as the broker assigns it. */
public record MacAddress(String value) {

    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    public MacAddress {
        if (value == null || !MAC.matcher(value).matches()) {
            throw new InvalidRequestException("mac", "MAC address '" + value
                    + "' is malformed: use six lowercase hex pairs separated by ':', e.g. 52:54:00:12:34:56");
        }
        if ((Integer.parseInt(value.substring(0, 2), 16) & 1) != 0) {
            throw new InvalidRequestException("mac", "MAC address " + value
                    + " is a multicast address; a NIC needs a unicast MAC (even first octet), e.g. 52:54:00:12:34:56");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
