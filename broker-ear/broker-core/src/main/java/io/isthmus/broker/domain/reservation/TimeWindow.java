package io.isthmus.broker.domain.reservation;

import java.time.Instant;
import java.util.Objects;

/** The half-open interval {@code [start, end)} of a reservation. */
public record TimeWindow(Instant start, Instant end) {
    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public boolean hasStarted(Instant now) {
        return !now.isBefore(start);
    }

    public boolean hasEnded(Instant now) {
        return !now.isBefore(end);
    }
}
