package io.isthmus.gateway.domain.shared;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A reservation's window, the half-open interval {@code [start, end)}, to the millisecond (as the gateway stores
 * it, so a repeated prepare finds the same window); its end is after its start.
 */
public record TimeWindow(Instant start, Instant end) {

    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        start = start.truncatedTo(ChronoUnit.MILLIS);
        end = end.truncatedTo(ChronoUnit.MILLIS);
        if (!end.isAfter(start)) {
            throw new InvalidRequestException("window end " + end + " is not after its start " + start
                    + ": send a window whose end is after its start");
        }
    }

    /** When something booked over this window is released at the latest: its end plus {@code grace}. */
    public Instant releasedAt(Duration grace) {
        return end.plus(grace);
    }

    /** Whether {@code [start, end + grace)} of this window and of {@code other} share an instant. */
    public boolean overlaps(TimeWindow other, Duration grace) {
        return start.isBefore(other.releasedAt(grace)) && other.start.isBefore(releasedAt(grace));
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
