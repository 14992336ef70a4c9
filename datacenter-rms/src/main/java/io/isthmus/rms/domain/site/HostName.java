package io.isthmus.rms.domain.site;

/** The name of one L0 host of the site, e.g. {@code a1}. */
public record HostName(String value) {

    public HostName {
        Names.require(value, "host");
    }

    @Override
    public String toString() {
        return value;
    }
}
