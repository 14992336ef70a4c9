package io.isthmus.gateway.testsupport;

import io.isthmus.gateway.domain.shared.TimeWindow;
import java.time.Instant;

/** Reservation windows for tests. */
public final class TestWindows {

    /** A window around every clock the tests use (2000 to 2100), for tests that are not about windows. */
    public static final TimeWindow LONG = new TimeWindow(Instant.parse("2000-01-01T00:00:00Z"),
            Instant.parse("2100-01-01T00:00:00Z"));

    private TestWindows() {
    }
}
