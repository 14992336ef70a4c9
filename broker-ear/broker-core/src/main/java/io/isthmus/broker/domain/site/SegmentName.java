package io.isthmus.broker.domain.site;

import java.util.regex.Pattern;

/** A segment's name in a request, as the sites and gateways take it: lowercase, at most 31 characters. */
public record SegmentName(String value) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");

    public SegmentName {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a segment name (a-z, 0-9, '-', at most 31)");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
