package io.isthmus.rms.domain.placement;

import io.isthmus.rms.domain.reservation.TimeWindow;
import io.isthmus.rms.domain.site.Resources;
import java.util.Objects;

/** Capacity taken on one host during one window. */
public record Booked(TimeWindow window, Resources demand) {

    public Booked {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(demand, "demand");
    }
}
