package io.isthmus.rms.application.site;

import io.isthmus.rms.domain.site.Host;
import io.isthmus.rms.domain.site.Resources;
import java.util.Objects;

/** A host and what stays free on it during the whole of a window. */
public record HostAvailability(Host host, Resources free) {

    public HostAvailability {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(free, "free");
    }
}
