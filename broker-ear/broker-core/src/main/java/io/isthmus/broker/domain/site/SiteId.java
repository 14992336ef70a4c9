package io.isthmus.broker.domain.site;

import java.util.regex.Pattern;

/** A provider site of the federation, as the broker's configuration names it (and as its RMS reports itself). */
public record SiteId(String value) implements Comparable<SiteId> {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");

    public SiteId {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a site id (a-z, 0-9, '-', at most 31)");
        }
    }

    @Override
    public int compareTo(SiteId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
