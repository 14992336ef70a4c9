package io.isthmus.rms.domain.reservation;

import io.isthmus.rms.domain.site.InvalidRequestException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** The half-open interval {@code [start, end)} in which a booking holds capacity, to the millisecond. */
public record TimeWindow(Instant start, Instant end) {

    /** The end of "forever" for open windows: far beyond any reservation, still storable as epoch millis. */
    public static final Instant FOREVER = Instant.parse("9999-12-31T23:59:59Z");

    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        start = start.truncatedTo(ChronoUnit.MILLIS);
        end = end.truncatedTo(ChronoUnit.MILLIS);
        if (!end.isAfter(start)) {
            throw new InvalidRequestException("window", "window end " + end + " must be after its start " + start);
        }
    }

    /** From {@code now} on, without end. */
    public static TimeWindow from(Instant now) {
        return new TimeWindow(now, FOREVER);
    }

    public boolean overlaps(TimeWindow other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + (end.equals(FOREVER) ? "forever" : end.toString()) + ")";
    }
}
