package io.isthmus.broker.infrastructure.config;

import io.isthmus.broker.domain.reservation.VirtualInfrastructureValidator.WindowLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The limits on a requested time window:
 * {@code isthmus.window.horizon.days} (how far ahead a window may end, in days from now, default 366) and
 * {@code isthmus.window.maxLength.days} (the longest window, in days, default 366). Each is 1 to 36525 (100 years).
 */
@ApplicationScoped
public class ReservationLimits {
    static final long MAX_DAYS = 36_525;

    private final WindowLimits window;

    @Inject
    public ReservationLimits(
            @ConfigProperty(name = "isthmus.window.horizon.days", defaultValue = "366") long horizonDays,
            @ConfigProperty(name = "isthmus.window.maxLength.days", defaultValue = "366") long maxLengthDays) {
        this.window = new WindowLimits(days("isthmus.window.horizon.days", horizonDays),
                days("isthmus.window.maxLength.days", maxLengthDays));
    }

    protected ReservationLimits() {
        this(366, 366);
    }

    private static long days(String key, long days) {
        if (days <= 0 || days > MAX_DAYS) {
            throw new IllegalArgumentException(key + " must be a positive number of days up to " + MAX_DAYS
                    + " (100 years), not " + days);
        }
        return days;
    }

    public WindowLimits window() {
        return window;
    }
}
