package io.isthmus.broker.domain.site;

import java.util.regex.Pattern;

/** A provider site's host, as its RMS names it. */
public record HostName(String value) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");

    public HostName {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a host name (a-z, 0-9, '-', at most 31)");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
