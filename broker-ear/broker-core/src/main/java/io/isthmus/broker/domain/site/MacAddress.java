package io.isthmus.broker.domain.site;

import java.util.Locale;
import java.util.regex.Pattern;

/** An L1 NIC's MAC address, as the broker assigned it: six lowercase hex pairs joined by colons. */
public record MacAddress(String value) {
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    public MacAddress {
        value = value == null ? null : value.toLowerCase(Locale.ROOT);
        if (value == null || !MAC.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a MAC address like 02:49:53:00:00:01");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
