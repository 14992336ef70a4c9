package io.isthmus.rms.domain.site;

/** The id of this provider site, e.g. {@code site-a}. */
public record SiteId(String value) {

    public SiteId {
        Names.require(value, "site.id");
    }

    @Override
    public String toString() {
        return value;
    }
}
