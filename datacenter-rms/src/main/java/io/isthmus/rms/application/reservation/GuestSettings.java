package io.isthmus.rms.application.reservation;

import java.time.Duration;
import java.util.Objects;

/**
 * How the site starts its guests: how long every guest of a provision has to report ready
 * ({@code site.guest.readyTimeout.seconds}) and how many domains start at once ({@code site.guest.parallelStarts}).
 */
public record GuestSettings(Duration readyTimeout, int parallelStarts) {

    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(120);
    /** Two cores here: TCG guests booting at once beyond this only slow each other down. */
    public static final int DEFAULT_PARALLEL_STARTS = 4;
    public static final GuestSettings DEFAULTS = new GuestSettings(DEFAULT_READY_TIMEOUT, DEFAULT_PARALLEL_STARTS);

    public GuestSettings {
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        if (readyTimeout.isNegative() || readyTimeout.isZero() || parallelStarts < 1) {
            throw new IllegalArgumentException("guest ready timeout " + readyTimeout + " and parallel starts "
                    + parallelStarts + " must be positive");
        }
    }
}
