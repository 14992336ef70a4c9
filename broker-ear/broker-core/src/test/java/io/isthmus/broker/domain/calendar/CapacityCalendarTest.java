package io.isthmus.broker.domain.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.isthmus.broker.domain.reservation.TimeWindow;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CapacityCalendarTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private static TimeWindow hours(int from, int to) {
        return new TimeWindow(T0.plusSeconds(3600L * from), T0.plusSeconds(3600L * to));
    }

    @Test
    void freeOverAWindowIsWhatIsLeftAtItsBusiestInstant() {
        CapacityCalendar c = new CapacityCalendar(100);
        c.book("r1", hours(0, 4), 30);
        c.book("r2", hours(2, 6), 50);
        c.book("r3", hours(7, 8), 100);

        assertEquals(70, c.free(hours(0, 2)), "r2 starts at 02:00, the window ends there");
        assertEquals(20, c.free(hours(1, 3)), "r1 and r2 overlap from 02:00");
        assertEquals(50, c.free(hours(4, 7)), "r1 ended at 04:00, r3 starts at 07:00");
        assertEquals(0, c.free(hours(5, 8)));
        assertEquals(100, c.free(hours(6, 7)));
    }

    @Test
    void aBookingThatDoesNotFitAtEveryInstantIsRefusedAndNothingIsBooked() {
        CapacityCalendar c = new CapacityCalendar(100);
        c.book("r1", hours(3, 4), 60);

        var e = assertThrows(CapacityCalendar.CapacityExceededException.class, () -> c.book("r2", hours(0, 5), 50));

        assertEquals(40, e.free());
        assertEquals(50, e.asked());
        assertEquals(60, c.usageAt(hours(3, 4).start()));
        assertEquals(0, c.usageAt(hours(0, 1).start()));
    }

    @Test
    void releasingAnOwnerFreesAllItsIntervals() {
        CapacityCalendar c = new CapacityCalendar(10);
        c.book("r1", hours(0, 1), 4);
        c.book("r1", hours(2, 3), 6);
        c.book("r2", hours(0, 3), 4);

        c.release("r1");

        assertEquals(6, c.free(hours(0, 3)));
        c.book("r3", hours(0, 3), 6);
        assertEquals(0, c.free(hours(0, 3)));
    }
}
