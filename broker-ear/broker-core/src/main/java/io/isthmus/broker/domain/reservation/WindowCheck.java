package io.isthmus.broker.domain.reservation;

import io.isthmus.broker.domain.reservation.VirtualInfrastructureValidator.WindowLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The rules for a request's time window {@code [start, end)}: end after start and after now; start may lie in the
 * past (the virtual infrastructure then starts at once) but not before 1970; end within the horizon (now plus
 * {@link WindowLimits#horizonDays()}); and, for a window inside those bounds, at most
 * {@link WindowLimits#maxLengthDays()} long.
 */
final class WindowCheck {
    private WindowCheck() {
    }

    static void check(TimeWindow w, Instant now, WindowLimits limits, List<String> problems) {
        if (!w.end().isAfter(w.start())) {
            problems.add("window.end: " + w.end() + " must be after window.start " + w.start());
        }
        if (!w.end().isAfter(now)) {
            problems.add("window.end: " + w.end() + " is in the past (now " + now + ")");
        }
        boolean bounded = true;
        if (w.start().isBefore(Instant.EPOCH)) {
            problems.add("window.start: " + w.start() + " is before " + Instant.EPOCH + "; a window may start in the"
                    + " past (the virtual infrastructure then starts at once), but not before 1970");
            bounded = false;
        }
        Instant horizon = now.plus(Duration.ofDays(limits.horizonDays()));
        if (w.end().isAfter(horizon)) {
            problems.add("window.end: " + w.end() + " is after the horizon " + horizon + "; a window must end within "
                    + limits.horizonDays() + " days from now");
            bounded = false;
        }
        if (bounded && Duration.between(w.start(), w.end()).compareTo(Duration.ofDays(limits.maxLengthDays())) > 0) {
            problems.add("window: " + w.start() + " to " + w.end() + " lasts more than " + limits.maxLengthDays()
                    + " days, the longest window this broker books; shorten it");
        }
    }
}
