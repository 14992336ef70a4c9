package io.isthmus.broker.infrastructure.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.isthmus.broker.domain.reservation.VirtualInfrastructureValidator.WindowLimits;
import org.junit.jupiter.api.Test;

/** The window limits as an operator sets them, and the errors that say what to fix. */
class ReservationLimitsTest {
    @Test
    void theDefaultsAreAYearAheadAndAYearLong() {
        assertEquals(new WindowLimits(366, 366), new ReservationLimits().window());
    }

    @Test
    void configuredDaysAreUsed() {
        assertEquals(new WindowLimits(730, 30), new ReservationLimits(730, 30).window());
    }

    @Test
    void nonPositiveOrAbsurdDaysAreRefusedNamingTheKey() {
        assertEquals("isthmus.window.horizon.days must be a positive number of days up to 36525 (100 years), not 0",
                assertThrows(IllegalArgumentException.class, () -> new ReservationLimits(0, 366)).getMessage());
        assertEquals("isthmus.window.maxLength.days must be a positive number of days up to 36525 (100 years), not -5",
                assertThrows(IllegalArgumentException.class, () -> new ReservationLimits(366, -5)).getMessage());
        assertEquals("isthmus.window.horizon.days must be a positive number of days up to 36525 (100 years), not"
                + " 365250", assertThrows(IllegalArgumentException.class,
                () -> new ReservationLimits(365_250, 366)).getMessage());
    }
}
